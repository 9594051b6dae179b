using OrleansProxy.Usage;

namespace OrleansProxy.Users;

/// <summary>What a user used in some span: requests, tokens by kind, and their estimated cost.</summary>
/// <param name="Requests">Requests answered (or failed after admission).</param>
/// <param name="Tokens">Tokens as Bedrock billed them.</param>
/// <param name="CostUsd">Estimated cost from the price table (zero for unpriced families).</param>
[GenerateSerializer, Immutable, Alias("OrleansProxy.UsageCounters")]
public readonly record struct UsageCounters(
    [property: Id(0)] long Requests,
    [property: Id(1)] TokenUsage Tokens,
    [property: Id(2)] decimal CostUsd)
{
    /// <summary>Every token, input (uncached, cache read and written) and output: what quotas count.</summary>
    public long AllTokens => Tokens.TotalInput + Tokens.Output;

    /// <summary>The field-wise sum.</summary>
    public UsageCounters Add(UsageCounters other) => new(Requests + other.Requests, Tokens.Add(other.Tokens), CostUsd + other.CostUsd);
}
