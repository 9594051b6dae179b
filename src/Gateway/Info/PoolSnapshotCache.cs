using OrleansProxy.Gateway.Forwarding;
using OrleansProxy.Pool;

namespace OrleansProxy.Gateway.Info;

/// <summary>
/// The pool's aggregate view, fetched at most once per second per gateway: the info page, the model list and
/// metrics all read it, and building it walks every credential.
/// </summary>
public sealed class PoolSnapshotCache(GrainReferences grains, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (PoolSnapshot Snapshot, long At)? _latest;

    /// <summary>The latest snapshot, if any was fetched (for synchronous readers such as metric gauges).</summary>
    public PoolSnapshot? Latest => _latest?.Snapshot;

    /// <inheritdoc />
    public void Dispose() => _refresh.Dispose();

    /// <summary>A snapshot at most a second old.</summary>
    public async Task<PoolSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        if (_latest is { } fresh && time.GetElapsedTime(fresh.At) < MaxAge)
        {
            return fresh.Snapshot;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_latest is { } again && time.GetElapsedTime(again.At) < MaxAge)
            {
                return again.Snapshot;
            }

            var snapshot = await GrainCalls.RetryAsync(grains.Pool.GetSnapshotAsync, null, cancellationToken).WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            _latest = (snapshot, time.GetTimestamp());
            return snapshot;
        }
        finally
        {
            _refresh.Release();
        }
    }
}
