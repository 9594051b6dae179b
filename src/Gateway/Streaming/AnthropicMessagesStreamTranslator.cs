using System.Buffers;
using OrleansProxy.Gateway.Errors;

namespace OrleansProxy.Gateway.Streaming;

/// <summary>
/// Messages events → Anthropic SSE. Each event is forwarded as Bedrock sent it, named by its <c>type</c>, minus
/// the <c>amazon-bedrock-invocationMetrics</c> key that Anthropic's API does not have.
/// </summary>
internal sealed class AnthropicMessagesStreamTranslator : StreamTranslatorBase
{
    protected override void Translate(in ModelEvent modelEvent, ReadOnlySpan<byte> json, IBufferWriter<byte> output)
    {
        if (modelEvent.TypeName.IsEmpty)
        {
            return;
        }

        SseWriter.WriteEvent(output, modelEvent.TypeName.Of(json), json, modelEvent.MetricsCut.Start, modelEvent.MetricsCut.Length);
    }

    protected override void WriteError(ProxyError error, IBufferWriter<byte> output) => SseErrorFrames.WriteAnthropic(output, error);
}
