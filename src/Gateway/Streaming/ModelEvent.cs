using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.Streaming;

/// <summary>
/// What the stream translators need from one model event, as byte ranges into the event's JSON so that text
/// is copied on, never decoded and re-encoded. Filled by <see cref="ModelEventReader"/>.
/// </summary>
internal struct ModelEvent
{
    public ModelEventType Type;

    /// <summary>The <c>type</c> string's contents (the SSE event name).</summary>
    public JsonRange TypeName;

    public ModelEventPart Part;

    /// <summary>Escaped contents (no quotes) of the text, partial JSON or legacy completion carried.</summary>
    public JsonRange Text;

    /// <summary>Tool use start: escaped contents of the id and name.</summary>
    public JsonRange ToolId;

    public JsonRange ToolName;

    /// <summary>Raw JSON values (quoted string or null) of the stop reason and stop sequence.</summary>
    public JsonRange StopReason;

    public JsonRange StopSequence;

    /// <summary>Usage from <c>message_start.message.usage</c> or <c>message_delta.usage</c>; -1 where absent.</summary>
    public UsageFields Usage;

    /// <summary>Bedrock's <c>amazon-bedrock-invocationMetrics</c> counts; -1 when absent.</summary>
    public long MetricsInputTokens;

    public long MetricsOutputTokens;

    public long MetricsCacheReadTokens;

    public long MetricsCacheWriteTokens;

    /// <summary>The bytes to cut to drop the metrics key (with its separating comma) from the forwarded JSON.</summary>
    public JsonRange MetricsCut;

    public readonly bool HasStopReason(ReadOnlySpan<byte> json) =>
        !StopReason.IsEmpty && !StopReason.Of(json).SequenceEqual("null"u8);
}
