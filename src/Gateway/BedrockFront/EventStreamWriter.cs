using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.IO.Hashing;
using System.Text;
using OrleansProxy.Gateway.Errors;

namespace OrleansProxy.Gateway.BedrockFront;

/// <summary>
/// Encodes InvokeModelWithResponseStream's answer frames (<c>application/vnd.amazon.eventstream</c>): chunks
/// (<c>:event-type chunk</c>, payload <c>{"bytes":"&lt;base64 of one model event&gt;"}</c>) and exceptions
/// (<c>:message-type exception</c>, payload <c>{"message":"…"}</c>).
/// </summary>
/// <remarks>
/// A frame is a 12-byte prelude (total length, headers length, CRC-32 of those 8 bytes; big-endian), the headers, the
/// payload and a CRC-32 of everything before it. A chunk is written in one piece straight into the response's buffer:
/// its header block never changes, so it is encoded once; the base64 goes in place and the CRCs are computed over the
/// written bytes (System.IO.Hashing, which AWSSDK.Core itself uses). No array, header list or
/// <c>EventStreamMessage</c> per model event, as AWSSDK.Core's encoder would need. The tests decode every frame with
/// AWSSDK.Core's decoder, which checks both CRCs.
/// </remarks>
public static class EventStreamWriter
{
    /// <summary>The answer's content type.</summary>
    public const string ContentType = "application/vnd.amazon.eventstream";

    private const int PreludeLength = 12;
    private const int MessageCrcLength = 4;
    private const byte StringHeaderType = 7;

    private static readonly byte[] ChunkHeaders =
        EncodeHeaders([(":event-type", "chunk"), (":content-type", "application/json"), (":message-type", "event")]);

    private static ReadOnlySpan<byte> ChunkStart => "{\"bytes\":\""u8;

    private static ReadOnlySpan<byte> ChunkEnd => "\"}"u8;

    /// <summary>Writes one chunk frame carrying <paramref name="modelEventJson"/> (one model event) to <paramref name="output"/>.</summary>
    public static void WriteChunk(ReadOnlySpan<byte> modelEventJson, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        // Bedrock pads chunks ("p") to hide token lengths from observers of the encrypted stream; the proxy adds none.
        var base64Length = Base64.GetMaxEncodedToUtf8Length(modelEventJson.Length);
        var total = PreludeLength + ChunkHeaders.Length + ChunkStart.Length + base64Length + ChunkEnd.Length + MessageCrcLength;
        var frame = output.GetSpan(total)[..total];
        var at = WritePrelude(frame, total, ChunkHeaders);
        ChunkStart.CopyTo(frame[at..]);
        at += ChunkStart.Length;
        Base64.EncodeToUtf8(modelEventJson, frame[at..], out _, out var written);
        at += written;
        ChunkEnd.CopyTo(frame[at..]);
        WriteMessageCrc(frame);
        output.Advance(total);
    }

    /// <summary>An exception frame for <paramref name="error"/>, typed as the nearest <c>ResponseStream</c> member.</summary>
    public static byte[] Exception(ProxyError error)
    {
        var headers = EncodeHeaders(
            [(":exception-type", AwsRestJsonErrors.StreamExceptionType(error)), (":content-type", "application/json"), (":message-type", "exception")]);
        var payload = AwsRestJsonErrors.Body(error);
        var frame = new byte[PreludeLength + headers.Length + payload.Length + MessageCrcLength];
        var at = WritePrelude(frame, frame.Length, headers);
        payload.CopyTo(frame.AsSpan(at));
        WriteMessageCrc(frame);
        return frame;
    }

    // The prelude and the header block; returns where the payload starts.
    private static int WritePrelude(Span<byte> frame, int total, ReadOnlySpan<byte> headers)
    {
        BinaryPrimitives.WriteInt32BigEndian(frame, total);
        BinaryPrimitives.WriteInt32BigEndian(frame[4..], headers.Length);
        BinaryPrimitives.WriteUInt32BigEndian(frame[8..], Crc32.HashToUInt32(frame[..8]));
        headers.CopyTo(frame[PreludeLength..]);
        return PreludeLength + headers.Length;
    }

    private static void WriteMessageCrc(Span<byte> frame) =>
        BinaryPrimitives.WriteUInt32BigEndian(frame[^MessageCrcLength..], Crc32.HashToUInt32(frame[..^MessageCrcLength]));

    // Each header: name length (1 byte), name, value type (7: string), value length (2 bytes, big-endian), value.
    private static byte[] EncodeHeaders(ReadOnlySpan<(string Name, string Value)> headers)
    {
        var length = 0;
        foreach (var (name, value) in headers)
        {
            length += 1 + Encoding.ASCII.GetByteCount(name) + 1 + 2 + Encoding.UTF8.GetByteCount(value);
        }

        var block = new byte[length];
        var at = 0;
        foreach (var (name, value) in headers)
        {
            var nameLength = Encoding.ASCII.GetBytes(name, block.AsSpan(at + 1));
            block[at] = (byte)nameLength;
            at += 1 + nameLength;
            block[at++] = StringHeaderType;
            var valueLength = Encoding.UTF8.GetBytes(value, block.AsSpan(at + 2));
            BinaryPrimitives.WriteUInt16BigEndian(block.AsSpan(at), (ushort)valueLength);
            at += 2 + valueLength;
        }

        return block;
    }
}
