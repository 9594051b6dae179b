namespace OrleansProxy.Usage;

/// <summary>What one model family costs, in US dollars per million tokens of each kind.</summary>
/// <param name="Input">Uncached input tokens.</param>
/// <param name="Output">Output tokens.</param>
/// <param name="CacheWrite5m">Tokens written to the 5-minute prompt cache.</param>
/// <param name="CacheWrite1h">Tokens written to the 1-hour prompt cache.</param>
/// <param name="CacheRead">Tokens read from the prompt cache (Anthropic's "cache hits and refreshes").</param>
[GenerateSerializer, Immutable, Alias("OrleansProxy.ModelPrice")]
public sealed record ModelPrice(
    [property: Id(0)] decimal Input,
    [property: Id(1)] decimal Output,
    [property: Id(2)] decimal CacheWrite5m,
    [property: Id(3)] decimal CacheWrite1h,
    [property: Id(4)] decimal CacheRead)
{
    private const decimal TokensPerUnit = 1_000_000m;

    /// <summary>
    /// A price from its input and output rates, with Anthropic's standard prompt-caching multipliers: a 5-minute write
    /// costs 1.25× input, a 1-hour write 2×, a read 0.1×.
    /// </summary>
    public static ModelPrice FromBase(decimal input, decimal output) =>
        new(input, output, input * 1.25m, input * 2m, input * 0.1m);

    /// <summary>The estimated cost of <paramref name="usage"/> in US dollars.</summary>
    public decimal Cost(TokenUsage usage) =>
        (usage.Input * Input
         + usage.Output * Output
         + usage.CacheWrite5m * CacheWrite5m
         + usage.CacheWrite1h * CacheWrite1h
         + usage.CacheRead * CacheRead) / TokensPerUnit;

    /// <summary>Whether every rate is zero or positive.</summary>
    public bool IsValid => Input >= 0 && Output >= 0 && CacheWrite5m >= 0 && CacheWrite1h >= 0 && CacheRead >= 0;
}
