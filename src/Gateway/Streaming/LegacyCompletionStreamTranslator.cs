using System.Buffers;
using OrleansProxy.Gateway.Errors;

namespace OrleansProxy.Gateway.Streaming;

/// <summary>Legacy Text Completions chunks (Claude 2.x, Instant) → Anthropic's legacy completion SSE.</summary>
internal sealed class LegacyCompletionStreamTranslator(string model, string requestId) : StreamTranslatorBase
{
    private readonly CompletionFrames _frames = new(model, requestId);

    protected override void Translate(in ModelEvent modelEvent, ReadOnlySpan<byte> json, IBufferWriter<byte> output)
    {
        if (modelEvent.Type != ModelEventType.Completion)
        {
            return;
        }

        _frames.Write(output, modelEvent.Text.Of(json), modelEvent.StopReason.Of(json), modelEvent.StopSequence.Of(json));
    }

    protected override void WriteError(ProxyError error, IBufferWriter<byte> output) => SseErrorFrames.WriteAnthropic(output, error);
}
