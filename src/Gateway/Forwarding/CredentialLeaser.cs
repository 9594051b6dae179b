using Microsoft.Extensions.Options;
using OrleansProxy.Gateway.Hosting;
using OrleansProxy.Pool;

namespace OrleansProxy.Gateway.Forwarding;

/// <summary>
/// Asks the key pool for a lease and, while every credential is throttled or still being checked, waits in a
/// bounded queue: at most <see cref="GatewayOptions.MaxQueueLength"/> waiters for at most
/// <see cref="GatewayOptions.MaxQueueWait"/>, polling at the pool's retry hint and sending heartbeats to
/// streaming clients so their connections stay open.
/// </summary>
public sealed class CredentialLeaser(GrainReferences grains, IOptions<GatewayOptions> options, TimeProvider time, ProxyMetrics metrics)
{
    private static readonly TimeSpan MinPoll = TimeSpan.FromMilliseconds(50);
    private int _waiting;
    private long _recentWaitTicks;

    /// <summary>Requests waiting for a credential right now on this gateway.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>A smoothed estimate of how long recent queued requests waited.</summary>
    public TimeSpan EstimatedWait => TimeSpan.FromTicks(Interlocked.Read(ref _recentWaitTicks));

    /// <summary>Leases a credential for <paramref name="modelId"/>, waiting up to <paramref name="maxWait"/> if that can help.</summary>
    /// <param name="modelId">The resolved model id.</param>
    /// <param name="exclude">Credentials already tried for this request.</param>
    /// <param name="maxWait">Longest wait for a credential.</param>
    /// <param name="heartbeat">Called while waiting, for streaming clients.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <param name="kind">What the lease is for (CountTokens picks stay out of the throttle bookkeeping).</param>
    /// <param name="session">The request's prompt-cache session, if any: the pool keeps it on one cache scope.</param>
    public async Task<LeaseAttempt> AcquireAsync(
        string modelId,
        IReadOnlyList<string> exclude,
        TimeSpan maxWait,
        Func<CancellationToken, Task>? heartbeat,
        CancellationToken cancellationToken,
        LeaseKind kind = LeaseKind.Invoke,
        LeaseSession? session = null)
    {
        var settings = options.Value;
        var pool = grains.Pool;
        var request = new LeaseRequest(modelId, exclude, kind, session);
        var started = time.GetTimestamp();
        var lastHeartbeat = started;
        var queued = false;
        try
        {
            while (true)
            {
                var result = await GrainCalls.RetryAsync(() => pool.AcquireAsync(request), null, cancellationToken);
                var waited = time.GetElapsedTime(started);
                if (result.Lease is not null || !result.IsTransient)
                {
                    return new LeaseAttempt(result.Lease, result.Reason, false, waited, result.RetryAfter);
                }

                if (!queued)
                {
                    queued = true;
                    if (Interlocked.Increment(ref _waiting) > settings.MaxQueueLength)
                    {
                        return new LeaseAttempt(null, result.Reason, true, waited, result.RetryAfter);
                    }

                    metrics.QueueEntered();
                }

                var remaining = maxWait - waited;
                if (remaining <= TimeSpan.Zero)
                {
                    return new LeaseAttempt(null, result.Reason, false, waited, result.RetryAfter);
                }

                var pause = Clamp(result.RetryAfter, MinPoll, remaining);
                if (heartbeat is not null)
                {
                    var untilHeartbeat = settings.HeartbeatInterval - time.GetElapsedTime(lastHeartbeat);
                    pause = Clamp(pause, TimeSpan.Zero, untilHeartbeat < MinPoll ? MinPoll : untilHeartbeat);
                }

                await Task.Delay(pause, time, cancellationToken);
                if (heartbeat is not null && time.GetElapsedTime(lastHeartbeat) >= settings.HeartbeatInterval)
                {
                    await heartbeat(cancellationToken);
                    lastHeartbeat = time.GetTimestamp();
                }
            }
        }
        finally
        {
            if (queued)
            {
                Interlocked.Decrement(ref _waiting);
                var waited = time.GetElapsedTime(started);
                metrics.QueueLeft(waited);
                // Exponential smoothing: one slow outlier should not dominate the info page's estimate.
                var previous = Interlocked.Read(ref _recentWaitTicks);
                Interlocked.Exchange(ref _recentWaitTicks, (long)(previous * 0.8 + waited.Ticks * 0.2));
            }
        }
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) =>
        value < min ? (min < max ? min : max) : value > max ? max : value;
}
