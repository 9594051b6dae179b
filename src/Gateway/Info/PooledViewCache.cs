using OrleansProxy.Gateway.Forwarding;

namespace OrleansProxy.Gateway.Info;

/// <summary>
/// A view of the key pool fetched at most once per second per gateway however many readers ask: one fetch at a time,
/// retried on transient grain faults, bounded at 10 s. <see cref="PoolSnapshotCache"/> and <see cref="ServableModelsCache"/>.
/// </summary>
public abstract class PooledViewCache<T>(TimeProvider time) : IDisposable
    where T : class
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (T View, long At)? _latest;

    /// <summary>The latest view, if any was fetched (for synchronous readers such as metric gauges).</summary>
    public T? Latest => _latest?.View;

    /// <inheritdoc />
    public void Dispose()
    {
        _refresh.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A view at most a second old.</summary>
    public async Task<T> GetAsync(CancellationToken cancellationToken)
    {
        if (_latest is { } fresh && time.GetElapsedTime(fresh.At) < MaxAge)
        {
            return fresh.View;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_latest is { } again && time.GetElapsedTime(again.At) < MaxAge)
            {
                return again.View;
            }

            var view = await GrainCalls.RetryAsync(FetchAsync, null, cancellationToken).WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            _latest = (view, time.GetTimestamp());
            return view;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>One call to the key pool.</summary>
    protected abstract Task<T> FetchAsync();
}
