using OrleansProxy.Gateway.Forwarding;
using OrleansProxy.Models;

namespace OrleansProxy.Gateway.Info;

/// <summary>
/// The models the pool can serve now (<see cref="Pool.IKeyPoolGrain.GetModelsAsync"/>), at most a second old:
/// <c>GET /v1/models</c> and the Bedrock front door's listings read it, and Claude Code asks at start-up.
/// </summary>
public sealed class ServableModelsCache(GrainReferences grains, TimeProvider time) : PooledViewCache<IReadOnlyList<ServableModel>>(time)
{
    /// <inheritdoc />
    protected override Task<IReadOnlyList<ServableModel>> FetchAsync() => grains.Pool.GetModelsAsync();
}
