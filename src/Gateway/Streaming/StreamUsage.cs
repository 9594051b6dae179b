namespace OrleansProxy.Gateway.Streaming;

/// <summary>What a streamed answer has reported so far.</summary>
/// <param name="InputTokens">Input tokens: Bedrock's <c>amazon-bedrock-invocationMetrics</c> when it came, else the
/// events' own <c>usage</c>.</param>
/// <param name="OutputTokens">Output tokens, likewise.</param>
/// <param name="StopReason">The model's stop reason (<c>end_turn</c>, <c>max_tokens</c>, ...), once seen.</param>
/// <param name="SawTerminalEvent">Whether the answer ended properly (<c>message_stop</c>, or a legacy chunk with a stop
/// reason); false means it was cut short.</param>
public readonly record struct StreamUsage(long InputTokens, long OutputTokens, string? StopReason, bool SawTerminalEvent);
