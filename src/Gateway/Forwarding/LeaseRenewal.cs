using OrleansProxy.Pool;

namespace OrleansProxy.Gateway.Forwarding;

/// <summary>
/// Keeps a lease alive while its answer is still streaming, so the pool can give leases a short lifetime and a
/// dead gateway's leases stop counting soon. Short answers finish before the first tick and cost one timer.
/// </summary>
public sealed class LeaseRenewal : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private LeaseRenewal(IKeyPoolGrain pool, Guid leaseId, TimeSpan interval, TimeProvider time)
    {
        _loop = RenewAsync(pool, leaseId, interval, time, _stop.Token);
    }

    /// <summary>Starts renewing <paramref name="leaseId"/> every <paramref name="interval"/>.</summary>
    public static LeaseRenewal Start(IKeyPoolGrain pool, Guid leaseId, TimeSpan interval, TimeProvider time) =>
        new(pool, leaseId, interval, time);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private static async Task RenewAsync(IKeyPoolGrain pool, Guid leaseId, TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await pool.RenewAsync(leaseId);
                }
                catch (Exception exception) when (GrainCalls.IsTransient(exception))
                {
                    // The next tick tries again; at worst the lease expires and stops counting as in flight.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
