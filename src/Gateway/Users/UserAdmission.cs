using Microsoft.Extensions.Options;
using OrleansProxy.Gateway.Auth;
using OrleansProxy.Gateway.Errors;
using OrleansProxy.Gateway.Forwarding;
using OrleansProxy.Gateway.Hosting;
using OrleansProxy.Usage;
using OrleansProxy.Users;

namespace OrleansProxy.Gateway.Users;

/// <summary>
/// Asks a user's grain to admit a request before a credential is leased: one grain call per request. A user at
/// its concurrency limit waits, like a request for busy credentials, within the request's queue budget (with
/// heartbeats to streaming clients), then gets 429; every other refusal is answered at once.
/// </summary>
public sealed class UserAdmission(
    GrainReferences grains, UserUsageReporter reporter, UserMetrics metrics, PriceTable prices,
    IOptions<GatewayOptions> options, TimeProvider time)
{
    private static readonly TimeSpan MinPoll = TimeSpan.FromMilliseconds(50);

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
        var lastHeartbeat = started;
        while (true)
        {
            var admission = await GrainCalls.RetryAsync(() => user.AdmitAsync(request), null, cancellationToken);
            if (admission.IsAdmitted)
            {
                metrics.Admitted(caller.UserId, family);
                var renewal = LeaseRenewal.Start(user, request.SlotId, settings.LeaseRenewInterval, time);
                return (new UserSlot(caller, family, request.SlotId, renewal, reporter, metrics, prices, time, requestId), null, null);
            }

            var remaining = maxWait - time.GetElapsedTime(started);
            if (admission.Refusal != RefusalKind.Concurrency || remaining <= TimeSpan.Zero)
            {
                metrics.Refused(caller.UserId, admission.Refusal);
                var error = UserErrors.For(admission, settings.MaxQueueWait);
                if (admission.Refusal == RefusalKind.Concurrency)
                {
                    error = error with { Message = $"{admission.Message} Waited {time.GetElapsedTime(started).TotalSeconds:0} s for one to end." };
                }

                return (null, error, UserErrors.RetryAfter(admission));
            }

            var pause = admission.RetryAfter < MinPoll ? MinPoll : admission.RetryAfter > remaining ? remaining : admission.RetryAfter;
            if (heartbeat is not null)
            {
                var untilHeartbeat = settings.HeartbeatInterval - time.GetElapsedTime(lastHeartbeat);
                pause = pause > untilHeartbeat ? (untilHeartbeat < MinPoll ? MinPoll : untilHeartbeat) : pause;
            }

            await Task.Delay(pause, time, cancellationToken);
            if (heartbeat is not null && time.GetElapsedTime(lastHeartbeat) >= settings.HeartbeatInterval)
            {
                await heartbeat(cancellationToken);
                lastHeartbeat = time.GetTimestamp();
            }
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
