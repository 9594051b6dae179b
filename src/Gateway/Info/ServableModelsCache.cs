using OrleansProxy.Gateway.Forwarding;
using OrleansProxy.Models;

namespace OrleansProxy.Gateway.Info;

/// <summary>
/// The models the pool can serve now (<see cref="Pool.IKeyPoolGrain.GetModelsAsync"/>), fetched at most once per second
/// per gateway: <c>GET /v1/models</c> and the Bedrock front door's listings read it, and Claude Code asks at start-up.
/// </summary>
public sealed class ServableModelsCache(GrainReferences grains, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (IReadOnlyList<ServableModel> Models, long At)? _latest;

    /// <inheritdoc />
    public void Dispose() => _refresh.Dispose();

    /// <summary>The list, at most a second old.</summary>
    public async Task<IReadOnlyList<ServableModel>> GetAsync(CancellationToken cancellationToken)
    {
        if (_latest is { } fresh && time.GetElapsedTime(fresh.At) < MaxAge)
        {
            return fresh.Models;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_latest is { } again && time.GetElapsedTime(again.At) < MaxAge)
            {
                return again.Models;
            }

            var models = await GrainCalls.RetryAsync(grains.Pool.GetModelsAsync, null, cancellationToken)
                .WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            _latest = (models, time.GetTimestamp());
            return models;
        }
        finally
        {
            _refresh.Release();
        }
    }
}
