using System.Buffers;
using OrleansProxy.Gateway.Errors;
using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.Streaming;

/// <summary>
/// Messages events → Anthropic's legacy completion SSE, for <c>/v1/complete</c> clients of Claude 3+ models:
/// text deltas become completion frames, the stop reason a final empty one.
/// </summary>
internal sealed class MessagesToCompletionStreamTranslator(string model, string requestId) : StreamTranslatorBase
{
    private readonly CompletionFrames _frames = new(model, requestId);

    protected override void Translate(in ModelEvent modelEvent, ReadOnlySpan<byte> json, IBufferWriter<byte> output)
    {
        if (modelEvent.Type == ModelEventType.ContentBlockDelta && modelEvent.Part == ModelEventPart.Text && !modelEvent.Text.IsEmpty)
        {
            _frames.Write(output, modelEvent.Text.Of(json), default, default);
        }
        else if (modelEvent.Type == ModelEventType.MessageDelta && modelEvent.HasStopReason(json))
        {
            _frames.Write(output, default, StopReasons.ToCompletion(modelEvent.StopReason.Of(json)), modelEvent.StopSequence.Of(json));
        }
    }

    protected override void WriteError(ProxyError error, IBufferWriter<byte> output) => SseErrorFrames.WriteAnthropic(output, error);
}
