using BenchmarkDotNet.Attributes;
using OrleansProxy.Models;
using OrleansProxy.Pool;

namespace OrleansProxy.Benchmarks.Pool;

/// <summary>
/// What session affinity adds to a lease: 10,000 credentials (accounts of 10 keys per region) and 100,000 pinned
/// sessions, the map full, so a new session also evicts the least recent one. Issue target: still under 10 µs.
/// </summary>
[MemoryDiagnoser]
public class SessionSelectionBenchmarks
{
    private const int Credentials = 10_000;
    private const int PinnedSessions = 100_000;
    private static readonly string[] NoExclusions = [];
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);

    private CredentialSelector _selector = null!;
    private ResolvedModel _model = null!;
    private LeaseSession[] _pinned = null!;
    private DateTimeOffset _now;
    private int _next;
    private ulong _fresh;

    [GlobalSetup]
    public void Setup()
    {
        _model = ModelCatalog.TryResolve("claude-3-haiku-20240307", out var model) ? model : throw new InvalidOperationException();
        _now = Start;
        _selector = SelectorPools.Build(Credentials, false, _model.Family, Start, accountSize: 10, sessions: new SessionPins(PinnedSessions));
        var random = new Random(13);
        _pinned = [.. Enumerable.Range(0, PinnedSessions).Select(_ => new LeaseSession((ulong)random.NextInt64(), (ulong)random.NextInt64(), Ttl))];
        foreach (var session in _pinned)
        {
            LeaseAndRelease(session);
        }
    }

    /// <summary>No session: today's least-loaded pick, for comparison.</summary>
    [Benchmark(Baseline = true)]
    public PoolEntry NoSession() => LeaseAndRelease(null);

    /// <summary>A known session: its pinned credential, checked and leased.</summary>
    [Benchmark]
    public PoolEntry PinnedSession() => LeaseAndRelease(_pinned[_next++ % _pinned.Length]);

    /// <summary>A session the pool has not seen: least-loaded pick, a new pin, the least recent pin evicted.</summary>
    [Benchmark]
    public PoolEntry NewSession() => LeaseAndRelease(new LeaseSession(0xFEED, ++_fresh, Ttl));

    private PoolEntry LeaseAndRelease(LeaseSession? session)
    {
        // A tick per lease: 100,000 pins span well under the 5-minute lifetime, so none expire mid-run.
        _now = _now.AddTicks(1);
        var entry = _selector.Select(_model, NoExclusions, _now, null, session: session).Entry!;
        _selector.Released(entry.Id);
        return entry;
    }
}
