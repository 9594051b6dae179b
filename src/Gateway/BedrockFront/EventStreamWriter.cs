using System.Buffers;
using System.Buffers.Text;
using Amazon.Runtime.EventStreams;
using OrleansProxy.Gateway.Errors;

namespace OrleansProxy.Gateway.BedrockFront;

/// <summary>
/// Encodes InvokeModelWithResponseStream's answer frames with AWSSDK.Core's encoder, so the prelude, header and
/// message CRCs are right by construction: chunks (<c>:event-type chunk</c>, payload <c>{"bytes":"&lt;base64&gt;"}</c>)
/// and exceptions (<c>:message-type exception</c>, payload <c>{"message":"…"}</c>).
/// </summary>
public static class EventStreamWriter
{
    /// <summary>The answer's content type.</summary>
    public const string ContentType = "application/vnd.amazon.eventstream";

    private static ReadOnlySpan<byte> ChunkStart => "{\"bytes\":\""u8;

    private static ReadOnlySpan<byte> ChunkEnd => "\"}"u8;

    /// <summary>Writes one chunk frame carrying <paramref name="modelEventJson"/> (one model event) to <paramref name="output"/>.</summary>
    public static void WriteChunk(ReadOnlySpan<byte> modelEventJson, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        // Bedrock pads chunks ("p") to hide token lengths; the proxy's client already sees its own traffic, so none is added.
        var payload = new byte[ChunkStart.Length + Base64.GetMaxEncodedToUtf8Length(modelEventJson.Length) + ChunkEnd.Length];
        ChunkStart.CopyTo(payload);
        Base64.EncodeToUtf8(modelEventJson, payload.AsSpan(ChunkStart.Length), out _, out var written);
        ChunkEnd.CopyTo(payload.AsSpan(ChunkStart.Length + written));
        output.Write(Frame(payload, (":event-type", "chunk"), (":content-type", "application/json"), (":message-type", "event")));
    }

    /// <summary>An exception frame for <paramref name="error"/>, typed as the nearest <c>ResponseStream</c> member.</summary>
    public static byte[] Exception(ProxyError error) => Frame(
        AwsRestJsonErrors.Body(error),
        (":exception-type", AwsRestJsonErrors.StreamExceptionType(error)),
        (":content-type", "application/json"),
        (":message-type", "exception"));

    private static byte[] Frame(byte[] payload, params ReadOnlySpan<(string Name, string Value)> headers)
    {
        var list = new List<IEventStreamHeader>(headers.Length);
        foreach (var (name, value) in headers)
        {
            var header = new EventStreamHeader(name);
            header.SetString(value);
            list.Add(header);
        }

        return new EventStreamMessage(list, payload).ToByteArray();
    }
}
