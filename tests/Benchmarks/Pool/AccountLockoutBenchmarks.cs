using BenchmarkDotNet.Attributes;
using OrleansProxy.Credentials;
using OrleansProxy.Models;
using OrleansProxy.Pool;

namespace OrleansProxy.Benchmarks.Pool;

/// <summary>
/// What a throttle costs the pool when keys share an AWS account: the throttled key's summary locks the family out
/// for every key of its account in its region (each leaves its sorted buckets), and the next success brings them
/// back. Among 10,000 credentials (16 families each), accounts of 1, 100 and 1,000 keys.
/// </summary>
[MemoryDiagnoser]
public class AccountLockoutBenchmarks
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, DateTimeOffset> NoLockouts = new(StringComparer.Ordinal);

    private CredentialSelector _selector = null!;
    private CredentialSummary _summary = null!;
    private Dictionary<string, DateTimeOffset> _locked = null!;
    private long _version;

    /// <summary>Keys per account and region.</summary>
    [Params(1, 100, 1_000)]
    public int AccountSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var family = ModelCatalog.TryResolve("claude-3-haiku-20240307", out var model) ? model.Family : throw new InvalidOperationException();
        _selector = SelectorPools.Build(10_000, lockOutThird: false, family, Start, accountSize: AccountSize);
        _summary = _selector.Entries.First().Summary;
        _locked = new(StringComparer.Ordinal) { [family] = Start.AddHours(1) };
        _version = _summary.Version;
    }

    /// <summary>One key throttled (its account locked out), then a success on it (the account back).</summary>
    [Benchmark]
    public bool ThrottleThenSuccess()
    {
        var throttled = _selector.Upsert(_summary with { Version = ++_version, LockedUntil = _locked }, Start);
        var recovered = _selector.Upsert(_summary with { Version = ++_version, LockedUntil = NoLockouts }, Start);
        return throttled && recovered;
    }
}
