using System.Buffers;
using OrleansProxy.Gateway.Errors;
using OrleansProxy.Gateway.Streaming;

namespace OrleansProxy.Gateway.BedrockFront;

/// <summary>
/// Model events → AWS event-stream frames for the Bedrock front door: each event goes back as Bedrock sent it
/// (its <c>amazon-bedrock-invocationMetrics</c> included), re-framed; errors become exception frames.
/// </summary>
internal sealed class BedrockEventStreamTranslator : StreamTranslatorBase
{
    protected override void Translate(in ModelEvent modelEvent, ReadOnlySpan<byte> json, IBufferWriter<byte> output) =>
        EventStreamWriter.WriteChunk(json, output);

    protected override void WriteError(ProxyError error, IBufferWriter<byte> output) => output.Write(EventStreamWriter.Exception(error));
}
