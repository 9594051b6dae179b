using BenchmarkDotNet.Attributes;
using OrleansProxy.Models;
using OrleansProxy.Pool;

namespace OrleansProxy.Benchmarks.Pool;

/// <summary>
/// The key pool's per-request work: pick the best credential for Claude 3 Haiku (any region serves it, so every
/// region's bucket is a candidate) and, in the cycle, count the lease as over again. Issue target: a pick among
/// 10,000 credentials under 10 µs.
/// </summary>
[MemoryDiagnoser]
public class CredentialSelectionBenchmarks
{
    private static readonly string[] NoExclusions = [];
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private CredentialSelector _selector = null!;
    private ResolvedModel _model = null!;
    private DateTimeOffset _now;

    /// <summary>Pool size.</summary>
    [Params(10, 1_000, 10_000)]
    public int Credentials { get; set; }

    /// <summary>Whether every third credential is throttled on the requested family.</summary>
    [Params(false, true)]
    public bool ThirdLockedOut { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = ModelCatalog.TryResolve("claude-3-haiku-20240307", out var model) ? model : throw new InvalidOperationException();
        _now = Start;
        _selector = SelectorPools.Build(Credentials, ThirdLockedOut, _model.Family, Start);
    }

    /// <summary>Select then Released: the steady state, where in-flight counts stay small.</summary>
    [Benchmark(Baseline = true)]
    public PoolEntry LeaseAndRelease()
    {
        _now = _now.AddTicks(1);
        var entry = _selector.Select(_model, NoExclusions, _now).Entry!;
        _selector.Released(entry.Id);
        return entry;
    }

    /// <summary>Select alone: leases pile up, as under a burst (with 10 credentials each one ends up with ~10^5 leases in flight).</summary>
    [Benchmark]
    public PoolEntry SelectOnly()
    {
        _now = _now.AddTicks(1);
        return _selector.Select(_model, NoExclusions, _now).Entry!;
    }
}
