using OrleansProxy.Usage;

namespace OrleansProxy.Credentials;

/// <summary>Cumulative usage of one model family through one credential. Every field only grows.</summary>
/// <param name="Requests">Requests answered or failed.</param>
/// <param name="InputTokens">Uncached input tokens (Bedrock's <c>input_tokens</c> excludes cached ones).</param>
/// <param name="OutputTokens">Output tokens.</param>
/// <param name="Errors">Requests that failed on the credential's side.</param>
/// <param name="Throttles">Throttled requests.</param>
/// <param name="CacheReadTokens">Input tokens read from the prompt cache.</param>
/// <param name="CacheWrite5mTokens">Input tokens written to the 5-minute prompt cache.</param>
/// <param name="CacheWrite1hTokens">Input tokens written to the 1-hour prompt cache.</param>
[GenerateSerializer, Immutable, Alias("OrleansProxy.FamilyUsage")]
public sealed record FamilyUsage(
    [property: Id(0)] long Requests,
    [property: Id(1)] long InputTokens,
    [property: Id(2)] long OutputTokens,
    [property: Id(3)] long Errors,
    [property: Id(4)] long Throttles,
    [property: Id(5)] long CacheReadTokens = 0,
    [property: Id(6)] long CacheWrite5mTokens = 0,
    [property: Id(7)] long CacheWrite1hTokens = 0)
{
    /// <summary>No usage.</summary>
    public static FamilyUsage Zero { get; } = new(0, 0, 0, 0, 0);

    /// <summary>Every token written to the cache, whatever its lifetime.</summary>
    public long CacheWriteTokens => CacheWrite5mTokens + CacheWrite1hTokens;

    /// <summary>The tokens, as prices apply to them.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public TokenUsage Tokens => new(InputTokens, OutputTokens, CacheReadTokens, CacheWrite5mTokens, CacheWrite1hTokens);

    /// <summary>
    /// The share of input tokens served from the prompt cache: reads ÷ (reads + writes + uncached input); 0 without input.
    /// </summary>
    public double CacheHitRatio => Tokens.TotalInput is var total and > 0 ? (double)CacheReadTokens / total : 0;

    /// <summary>The field-wise maximum: merging two views of a growing counter never goes backwards.</summary>
    public FamilyUsage Max(FamilyUsage other) => new(
        Math.Max(Requests, other.Requests),
        Math.Max(InputTokens, other.InputTokens),
        Math.Max(OutputTokens, other.OutputTokens),
        Math.Max(Errors, other.Errors),
        Math.Max(Throttles, other.Throttles),
        Math.Max(CacheReadTokens, other.CacheReadTokens),
        Math.Max(CacheWrite5mTokens, other.CacheWrite5mTokens),
        Math.Max(CacheWrite1hTokens, other.CacheWrite1hTokens));

    /// <summary>The field-wise sum, for totals across credentials.</summary>
    public FamilyUsage Add(FamilyUsage other) => new(
        Requests + other.Requests,
        InputTokens + other.InputTokens,
        OutputTokens + other.OutputTokens,
        Errors + other.Errors,
        Throttles + other.Throttles,
        CacheReadTokens + other.CacheReadTokens,
        CacheWrite5mTokens + other.CacheWrite5mTokens,
        CacheWrite1hTokens + other.CacheWrite1hTokens);
}
