using Microsoft.Extensions.Options;
using OrleansProxy.Gateway.Auth;
using OrleansProxy.Gateway.Errors;
using OrleansProxy.Gateway.Forwarding;
using OrleansProxy.Gateway.Hosting;
using OrleansProxy.Usage;
using OrleansProxy.Users;

namespace OrleansProxy.Gateway.Users;

/// <summary>
/// Asks a user's grain to admit a request before a credential is leased: one grain call per request, which also
/// carries the ends of the user's earlier requests (<see cref="UserUsageReporter"/>). A user at
/// its concurrency limit waits in the gateway's <see cref="RequestQueue"/>, like a request for busy credentials
/// (counted against its length, within the request's queue budget, with heartbeats to streaming clients), then
/// gets 429; every other refusal is answered at once.
/// </summary>
public sealed class UserAdmission(
    GrainReferences grains, RequestQueue queue, UserUsageReporter reporter, UserMetrics metrics, PriceTable prices,
    IOptions<GatewayOptions> options, TimeProvider time)
{
    /// <summary>The slot, or the error (with its retry-after) to answer.</summary>
    public async Task<(UserSlot? Slot, ProxyError? Error, TimeSpan? RetryAfter)> AdmitAsync(
        CallerUser caller, string family, long reserveTokens, string requestId, TimeSpan maxWait,
        Func<CancellationToken, Task>? heartbeat, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var user = grains.User(caller.UserId);
        // Three renewal intervals: a slot outlives a missed renewal or two, and a dead gateway's within 90 s by default.
        var request = new AdmissionRequest(caller.TokenHash, family, Guid.NewGuid(), reserveTokens, settings.LeaseRenewInterval * 3);
        var started = time.GetTimestamp();
        RequestQueue.QueueWait? wait = null;
        try
        {
            while (true)
            {
                // The user's earlier ends this gateway still holds ride on this call (sent alone again if it fails).
                var attempt = reporter.Take(caller.UserId) is { } carried ? request with { Releases = carried } : request;
                Admission admission;
                try
                {
                    admission = await GrainCalls.RetryAsync(() => user.AdmitAsync(attempt), null, cancellationToken);
                }
                catch when (attempt.Releases is { } unsent)
                {
                    reporter.Resend(caller.UserId, [.. unsent], requestId);
                    throw;
                }

                if (admission.IsAdmitted)
                {
                    metrics.Admitted(caller.UserId, family);
                    var renewal = LeaseRenewal.Start(user, request.SlotId, settings.LeaseRenewInterval, time);
                    return (new UserSlot(caller, family, request.SlotId, renewal, reporter, metrics, prices, time, requestId), null, null);
                }

                if (admission.Refusal == RefusalKind.Concurrency && maxWait > TimeSpan.Zero)
                {
                    wait ??= queue.TryJoin(QueueReason.UserConcurrency, started, heartbeat);
                    if (wait is not null && await wait.PauseAsync(admission.RetryAfter, maxWait, cancellationToken))
                    {
                        continue;
                    }
                }

                metrics.Refused(caller.UserId, admission.Refusal);
                var error = UserErrors.For(admission, settings.MaxQueueWait);
                if (admission.Refusal == RefusalKind.Concurrency)
                {
                    var why = wait is null && maxWait > TimeSpan.Zero
                        ? "The gateway's queue is full, so it did not wait."
                        : $"Waited {time.GetElapsedTime(started).TotalSeconds:0} s for one to end.";
                    error = error with { Message = $"{admission.Message} {why}" };
                }

                return (null, error, UserErrors.RetryAfter(admission));
            }
        }
        finally
        {
            wait?.Dispose();
        }
    }

    /// <summary>Checks the token and <paramref name="family"/> (count_tokens: free, counted against no limit); null when allowed.</summary>
    public async Task<(ProxyError Error, TimeSpan? RetryAfter)?> CheckAsync(CallerUser caller, string family, CancellationToken cancellationToken)
    {
        var admission = await GrainCalls.RetryAsync(
            () => grains.User(caller.UserId).AdmitAsync(AdmissionRequest.Check(caller.TokenHash, family)), null, cancellationToken);
        if (admission.IsAdmitted)
        {
            return null;
        }

        metrics.Refused(caller.UserId, admission.Refusal);
        return (UserErrors.For(admission, options.Value.MaxQueueWait), UserErrors.RetryAfter(admission));
    }
}
