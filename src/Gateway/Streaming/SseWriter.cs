using System.Buffers;
using System.Buffers.Text;

namespace OrleansProxy.Gateway.Streaming;

/// <summary>Low-level Server-Sent Events output: frames are assembled from byte pieces straight into the output.</summary>
internal static class SseWriter
{
    /// <summary><c>event: name\ndata: json\n\n</c>, with <paramref name="cut"/> bytes of the JSON left out.</summary>
    public static void WriteEvent(IBufferWriter<byte> output, ReadOnlySpan<byte> name, ReadOnlySpan<byte> json, int cutStart, int cutLength)
    {
        output.Write("event: "u8);
        output.Write(name);
        output.Write("\ndata: "u8);
        if (cutLength == 0)
        {
            output.Write(json);
        }
        else
        {
            output.Write(json[..cutStart]);
            output.Write(json[(cutStart + cutLength)..]);
        }

        output.Write("\n\n"u8);
    }

    /// <summary>Writes a JSON string (quotes included) from already-escaped contents.</summary>
    public static void WriteQuoted(IBufferWriter<byte> output, ReadOnlySpan<byte> escapedContents)
    {
        output.Write("\""u8);
        output.Write(escapedContents);
        output.Write("\""u8);
    }

    public static void WriteNumber(IBufferWriter<byte> output, long value)
    {
        var span = output.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out var written);
        output.Advance(written);
    }
}
