using OrleansProxy.Pool;

namespace OrleansProxy.Gateway.Forwarding;

/// <summary>
/// Asks the key pool for a lease and, while every credential is throttled or still being checked, waits in the
/// gateway's <see cref="RequestQueue"/>, polling at the pool's retry hint.
/// </summary>
public sealed class CredentialLeaser(GrainReferences grains, RequestQueue queue, TimeProvider time)
{
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
        var pool = grains.Pool;
        var request = new LeaseRequest(modelId, exclude, kind, session);
        var started = time.GetTimestamp();
        RequestQueue.QueueWait? wait = null;
        try
        {
            while (true)
            {
                var result = await GrainCalls.RetryAsync(() => pool.AcquireAsync(request), null, cancellationToken);
                if (result.Lease is not null || !result.IsTransient)
                {
                    return new LeaseAttempt(result.Lease, result.Reason, false, time.GetElapsedTime(started), result.RetryAfter);
                }

                wait ??= queue.TryJoin(QueueReason.Credential, started, heartbeat);
                if (wait is null)
                {
                    return new LeaseAttempt(null, result.Reason, true, time.GetElapsedTime(started), result.RetryAfter);
                }

                if (!await wait.PauseAsync(result.RetryAfter, maxWait, cancellationToken))
                {
                    return new LeaseAttempt(null, result.Reason, false, time.GetElapsedTime(started), result.RetryAfter);
                }
            }
        }
        finally
        {
            wait?.Dispose();
        }
    }
}
