using System.Buffers;
using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.Streaming;

/// <summary>
/// Writes Anthropic's legacy streaming frames,
/// <c>event: completion\ndata: {"type":"completion","completion":…,"stop_reason":…,"model":…,"stop":…,"log_id":…}</c>,
/// with the per-stream parts encoded once.
/// </summary>
internal sealed class CompletionFrames(string model, string requestId)
{
    private readonly byte[] _model = JsonOutput.EncodeString(model);
    private readonly byte[] _logId = JsonOutput.EncodeString(requestId);

    /// <param name="output">Where the frame goes.</param>
    /// <param name="completion">Escaped text contents (no quotes).</param>
    /// <param name="stopReason">Raw JSON value, or empty for <c>null</c>.</param>
    /// <param name="stop">Raw JSON value, or empty for <c>null</c>.</param>
    public void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> completion, ReadOnlySpan<byte> stopReason, ReadOnlySpan<byte> stop)
    {
        output.Write("event: completion\ndata: {\"type\":\"completion\",\"completion\":"u8);
        SseWriter.WriteQuoted(output, completion);
        output.Write(",\"stop_reason\":"u8);
        output.Write(stopReason.IsEmpty ? "null"u8 : stopReason);
        output.Write(",\"model\":"u8);
        SseWriter.WriteQuoted(output, _model);
        output.Write(",\"stop\":"u8);
        output.Write(stop.IsEmpty ? "null"u8 : stop);
        output.Write(",\"log_id\":"u8);
        SseWriter.WriteQuoted(output, _logId);
        output.Write("}\n\n"u8);
    }
}
