using System.Text.Json;
using Amazon.Runtime.EventStreams;
using OrleansProxy.Testing.FakeBedrock.Errors;
using OrleansProxy.Testing.FakeBedrock.Json;

namespace OrleansProxy.Testing.FakeBedrock.EventStream;

/// <summary>
/// Builds <c>application/vnd.amazon.eventstream</c> frames with AWSSDK.Core's encoder (so lengths
/// and CRCs are right by construction). Chunk payloads are Bedrock's
/// <c>{"bytes":"&lt;base64 of one model event&gt;","p":"&lt;padding&gt;"}</c>; the random-length
/// padding is there because Bedrock pads to hide token lengths, and a client must ignore it.
/// </summary>
internal static class EventStreamFrames
{
    private const string Padding = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public static byte[] Chunk(ReadOnlySpan<byte> modelEventJson)
    {
        using var payload = new MemoryStream(modelEventJson.Length * 2 + 96);
        using (var writer = new Utf8JsonWriter(payload, FakeJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteBase64String("bytes", modelEventJson);
            writer.WriteString("p", Padding.AsSpan(0, Random.Shared.Next(1, Padding.Length)));
            writer.WriteEndObject();
        }

        return Frame(payload.ToArray(), (":event-type", "chunk"), (":content-type", "application/json"), (":message-type", "event"));
    }

    public static byte[] Exception(string exceptionType, string message) => Frame(
        AwsErrorResponse.Body(message),
        (":exception-type", exceptionType),
        (":content-type", "application/json"),
        (":message-type", "exception"));

    private static byte[] Frame(byte[] payload, params (string Name, string Value)[] headers)
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
