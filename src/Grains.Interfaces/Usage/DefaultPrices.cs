namespace OrleansProxy.Usage;

/// <summary>
/// Anthropic's published list prices per model family (platform.claude.com "Pricing" and the model overview pages,
/// checked 2026-12-04), USD per million tokens: input, output, 5-minute cache write, 1-hour cache write, cache read.
/// Bedrock bills Claude at the same list prices for global profiles (regional profiles may carry a premium), so these
/// are estimates; operators override them with <c>PRICES</c>.
/// </summary>
internal static class DefaultPrices
{
    private static readonly ModelPrice Opus3And4 = new(15m, 75m, 18.75m, 30m, 1.50m);
    private static readonly ModelPrice Opus45To5 = new(5m, 25m, 6.25m, 10m, 0.50m);
    private static readonly ModelPrice Sonnet3To46 = new(3m, 15m, 3.75m, 6m, 0.30m);
    private static readonly ModelPrice FableMythos5 = new(10m, 50m, 12.50m, 20m, 1m);

    /// <summary>Family → price. Families without an entry (models newer than this table) have no default.</summary>
    public static IEnumerable<KeyValuePair<string, ModelPrice>> All { get; } =
    [
        // Claude 2 and Instant predate prompt caching; their cache rates only follow the standard multipliers.
        new("claude-v1", ModelPrice.FromBase(8m, 24m)),
        new("claude-v2", ModelPrice.FromBase(8m, 24m)),
        new("claude-instant", ModelPrice.FromBase(0.80m, 2.40m)),
        new("claude-3-haiku", new(0.25m, 1.25m, 0.30m, 0.50m, 0.03m)),
        new("claude-3-sonnet", Sonnet3To46),
        new("claude-3-opus", Opus3And4),
        new("claude-3-5-sonnet", Sonnet3To46),
        new("claude-3-5-haiku", new(0.80m, 4m, 1m, 1.60m, 0.08m)),
        new("claude-3-7-sonnet", Sonnet3To46),
        new("claude-sonnet-4", Sonnet3To46),
        new("claude-opus-4", Opus3And4),
        new("claude-opus-4-1", Opus3And4),
        new("claude-sonnet-4-5", Sonnet3To46),
        new("claude-haiku-4-5", new(1m, 5m, 1.25m, 2m, 0.10m)),
        new("claude-opus-4-5", Opus45To5),
        new("claude-opus-4-6", Opus45To5),
        new("claude-sonnet-4-6", Sonnet3To46),
        new("claude-opus-4-7", Opus45To5),
        new("claude-opus-4-8", Opus45To5),
        new("claude-opus-5", Opus45To5),
        new("claude-opus-5-5", new(4m, 20m, 5m, 8m, 0.20m)),
        new("claude-sonnet-5", new(2m, 10m, 2.50m, 4m, 0.20m)),
        // Anthropic cut Sonnet 5.5's cache read from $0.20 to $0.10 on 2026-10-07.
        new("claude-sonnet-5-5", new(2m, 10m, 2.50m, 4m, 0.10m)),
        // Haiku 5.5's rate for prompts up to 100k tokens; longer prompts cost 5×, which a per-family total cannot see.
        new("claude-haiku-5-5", new(0.10m, 0.50m, 0.125m, 0.20m, 0.01m)),
        new("claude-fable-5", FableMythos5),
        new("claude-mythos-5", FableMythos5),
        new("claude-fable-5-1", new(10m, 50m, 12.50m, 20m, 0.25m)),
        new("claude-mythos-5-1", new(10m, 50m, 12.50m, 20m, 0.25m)),
        new("claude-fable-5-2", new(8m, 40m, 10m, 16m, 0.20m)),
        new("claude-mythos-5-2", new(8m, 40m, 10m, 16m, 0.20m)),
    ];
}
