using OrleansProxy.Pool;
using OrleansProxy.Users;

namespace OrleansProxy.Gateway.Forwarding;

/// <summary>
/// Keeps a lease alive while its answer is still streaming, so the pool can give leases a short lifetime and a
/// dead gateway's leases stop counting soon. Short answers finish before the first tick and cost one timer that is
/// created and disposed: no task, no cancellation and no exception per request.
/// </summary>
public sealed class LeaseRenewal : IAsyncDisposable
{
    private readonly object _owner;
    private readonly Guid _leaseId;
    private readonly Func<object, Guid, Task> _renew;
    private readonly ITimer _timer;
    private int _renewing;

    private LeaseRenewal(object owner, Guid leaseId, Func<object, Guid, Task> renew, TimeSpan interval, TimeProvider time)
    {
        _owner = owner;
        _leaseId = leaseId;
        _renew = renew;
        _timer = time.CreateTimer(static state => ((LeaseRenewal)state!).Tick(), this, interval, interval);
    }

    /// <summary>Starts renewing <paramref name="leaseId"/> every <paramref name="interval"/>.</summary>
    public static LeaseRenewal Start(IKeyPoolGrain pool, Guid leaseId, TimeSpan interval, TimeProvider time) =>
        new(pool, leaseId, static (owner, id) => ((IKeyPoolGrain)owner).RenewAsync(id), interval, time);

    /// <summary>Starts renewing a user's concurrency slot <paramref name="slotId"/> every <paramref name="interval"/>.</summary>
    public static LeaseRenewal Start(IUserGrain user, Guid slotId, TimeSpan interval, TimeProvider time) =>
        new(user, slotId, static (owner, id) => ((IUserGrain)owner).RenewAsync(id), interval, time);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _timer.DisposeAsync();

    private void Tick()
    {
        // A renewal still on its way (a slow or failing silo) is not doubled up by the next tick.
        if (Interlocked.Exchange(ref _renewing, 1) == 0)
        {
            _ = RenewAsync();
        }
    }

    private async Task RenewAsync()
    {
        try
        {
            await _renew(_owner, _leaseId);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The next tick tries again; at worst the lease expires and stops counting as in flight.
        }
        finally
        {
            Volatile.Write(ref _renewing, 0);
        }
    }
}
