namespace OrleansProxy.Gateway.Streaming;

/// <summary>The model events Bedrock streams: Anthropic's Messages events, plus legacy completion chunks.</summary>
internal enum ModelEventType
{
    Unknown,
    MessageStart,
    ContentBlockStart,
    ContentBlockDelta,
    ContentBlockStop,
    MessageDelta,
    MessageStop,
    Ping,

    /// <summary>A legacy Text Completions chunk: <c>{"completion":…,"stop_reason":…}</c>, no <c>type</c>.</summary>
    Completion,
}
