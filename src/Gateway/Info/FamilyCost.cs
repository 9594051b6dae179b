using OrleansProxy.Credentials;
using OrleansProxy.Usage;

namespace OrleansProxy.Gateway.Info;

/// <summary>Prompt-cache use and estimated cost of one model family's usage, for the info page, dashboard and metrics.</summary>
/// <param name="Family">The model family.</param>
/// <param name="CacheReadTokens">Input tokens read from the prompt cache.</param>
/// <param name="CacheWriteTokens">Input tokens written to the prompt cache (5-minute and 1-hour).</param>
/// <param name="CacheHitRatio">Cache reads ÷ all input tokens (uncached, read, written); 0 without input.</param>
/// <param name="EstimatedCostUsd">The usage at the configured prices in US dollars; null when the family has no price.</param>
public sealed record FamilyCost(string Family, long CacheReadTokens, long CacheWriteTokens, double CacheHitRatio, decimal? EstimatedCostUsd)
{
    /// <summary>Prices <paramref name="usage"/> of <paramref name="family"/>.</summary>
    public static FamilyCost Of(string family, FamilyUsage usage, PriceTable prices) => new(
        family,
        usage.CacheReadTokens,
        usage.CacheWriteTokens,
        Math.Round(usage.CacheHitRatio, 4),
        prices.Cost(family, usage.Tokens) is { } cost ? Math.Round(cost, 6) : null);
}
