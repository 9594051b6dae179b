namespace OrleansProxy.Usage;

/// <summary>
/// The tokens one or more requests used, split the way Anthropic and Bedrock bill them. <see cref="Input"/> excludes
/// cached tokens (as Bedrock's <c>input_tokens</c> does); cache writes are split by the cache's lifetime because a
/// 1-hour write costs more than a 5-minute one.
/// </summary>
/// <param name="Input">Uncached input tokens.</param>
/// <param name="Output">Output tokens.</param>
/// <param name="CacheRead">Input tokens read from the prompt cache (<c>cache_read_input_tokens</c>).</param>
/// <param name="CacheWrite5m">Input tokens written to the 5-minute cache.</param>
/// <param name="CacheWrite1h">Input tokens written to the 1-hour cache.</param>
[GenerateSerializer, Immutable, Alias("OrleansProxy.TokenUsage")]
public readonly record struct TokenUsage(
    [property: Id(0)] long Input,
    [property: Id(1)] long Output,
    [property: Id(2)] long CacheRead = 0,
    [property: Id(3)] long CacheWrite5m = 0,
    [property: Id(4)] long CacheWrite1h = 0)
{
    /// <summary>Every token written to the cache, whatever its lifetime (<c>cache_creation_input_tokens</c>).</summary>
    public long CacheWrite => CacheWrite5m + CacheWrite1h;

    /// <summary>Every input token: uncached, read from and written to the cache.</summary>
    public long TotalInput => Input + CacheRead + CacheWrite;

    /// <summary>The field-wise sum.</summary>
    public TokenUsage Add(TokenUsage other) => new(
        Input + other.Input,
        Output + other.Output,
        CacheRead + other.CacheRead,
        CacheWrite5m + other.CacheWrite5m,
        CacheWrite1h + other.CacheWrite1h);
}
