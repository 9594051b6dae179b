using BenchmarkDotNet.Attributes;
using OrleansProxy.Models;
using OrleansProxy.Pool;

namespace OrleansProxy.Benchmarks.Pool;

/// <summary>
/// Why a lease costs what it does: Select and Released each move the chosen entry out of and back into one sorted
/// bucket per family it is granted, so at a fixed pool size the cycle grows with the number of granted families.
/// </summary>
[MemoryDiagnoser]
public class SelectionFamilyScalingBenchmarks
{
    private static readonly string[] NoExclusions = [];
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private CredentialSelector _selector = null!;
    private ResolvedModel _model = null!;
    private DateTimeOffset _now;

    /// <summary>Families each of the 10,000 credentials is granted.</summary>
    [Params(1, 4, 16)]
    public int Families { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = ModelCatalog.TryResolve("claude-3-haiku-20240307", out var model) ? model : throw new InvalidOperationException();
        _now = Start;
        _selector = SelectorPools.Build(10_000, lockOutThird: false, _model.Family, Start, Families);
    }

    /// <summary>Select then Released among 10,000 credentials.</summary>
    [Benchmark]
    public PoolEntry LeaseAndRelease()
    {
        _now = _now.AddTicks(1);
        var entry = _selector.Select(_model, NoExclusions, _now).Entry!;
        _selector.Released(entry.Id);
        return entry;
    }
}
