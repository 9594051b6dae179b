using BenchmarkDotNet.Attributes;
using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Benchmarks.Translation;

/// <summary>
/// A request's model-generation work: parsing the family name twice (the beta filter and the field plan each did,
/// before <see cref="ModelGenerations"/>) against one lookup in the shared per-family cache.
/// </summary>
[MemoryDiagnoser]
public class ModelGenerationBenchmarks
{
    [Params("claude-3-haiku", "claude-opus-5-5")]
    public string Family { get; set; } = "";

    /// <summary>The replaced path: <see cref="BetaPolicy.Generation"/> twice per request.</summary>
    [Benchmark(Baseline = true)]
    public decimal ParsedTwice() => BetaPolicy.Generation(Family) + BetaPolicy.Generation(Family);

    /// <summary>Now: one cached lookup, its value passed to both policies.</summary>
    [Benchmark]
    public decimal CachedOnce() => ModelGenerations.Of(Family);
}
