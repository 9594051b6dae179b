using OrleansProxy.Usage;

namespace OrleansProxy.Gateway.Streaming;

/// <summary>What a streamed answer has reported so far.</summary>
/// <param name="InputTokens">Uncached input tokens: Bedrock's <c>amazon-bedrock-invocationMetrics</c> when it came, else
/// the events' own <c>usage</c>.</param>
/// <param name="OutputTokens">Output tokens, likewise.</param>
/// <param name="StopReason">The model's stop reason (<c>end_turn</c>, <c>max_tokens</c>, ...), once seen.</param>
/// <param name="SawTerminalEvent">Whether the answer ended properly (<c>message_stop</c>, or a legacy chunk with a stop
/// reason); false means it was cut short.</param>
/// <param name="CacheReadTokens">Input tokens read from the prompt cache, likewise.</param>
/// <param name="CacheWrite5mTokens">Input tokens written to the 5-minute prompt cache.</param>
/// <param name="CacheWrite1hTokens">Input tokens written to the 1-hour prompt cache.</param>
public readonly record struct StreamUsage(
    long InputTokens,
    long OutputTokens,
    string? StopReason,
    bool SawTerminalEvent,
    long CacheReadTokens = 0,
    long CacheWrite5mTokens = 0,
    long CacheWrite1hTokens = 0)
{
    /// <summary>The counts as prices apply to them.</summary>
    public TokenUsage Tokens => new(InputTokens, OutputTokens, CacheReadTokens, CacheWrite5mTokens, CacheWrite1hTokens);
}
