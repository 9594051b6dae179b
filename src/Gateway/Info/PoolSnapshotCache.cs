using OrleansProxy.Gateway.Forwarding;
using OrleansProxy.Pool;

namespace OrleansProxy.Gateway.Info;

/// <summary>
/// The pool's aggregate view, fetched at most once per second per gateway: the info page, the model list and
/// metrics all read it, and building it walks every credential.
/// </summary>
public sealed class PoolSnapshotCache(GrainReferences grains, TimeProvider time) : PooledViewCache<PoolSnapshot>(time)
{
    /// <inheritdoc />
    protected override Task<PoolSnapshot> FetchAsync() => grains.Pool.GetSnapshotAsync();
}
