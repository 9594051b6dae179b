using OrleansProxy.Credentials;

namespace OrleansProxy.Throttling;

/// <summary>
/// Lockout length after a <c>ThrottlingException</c>. Bedrock's per-minute quotas (requests, tokens) are per account,
/// region and model, so their lockouts double from a short base up to about a minute; an explicit retry hint from
/// upstream is the newest signal and wins, even when shorter than the current lockout. A spent daily token quota
/// comes back only when the quota resets, so that lockout lasts until the next reset: retrying it every minute all
/// day would only collect more 429s.
/// </summary>
/// <param name="Base">First lockout.</param>
/// <param name="Max">Longest per-minute lockout.</param>
/// <param name="DailyQuotaReset">UTC time of day at which Bedrock's daily quotas reset (midnight unless told otherwise).</param>
public sealed record ThrottleBackoff(TimeSpan Base, TimeSpan Max, TimeSpan DailyQuotaReset = default)
{
    /// <summary>Lockout for the <paramref name="consecutiveThrottles"/>-th per-minute throttle in a row (1-based).</summary>
    public TimeSpan LockoutFor(int consecutiveThrottles, TimeSpan? retryAfter)
    {
        if (retryAfter is { } hint && hint > TimeSpan.Zero)
        {
            return hint < Max ? hint : Max;
        }

        var exponent = Math.Clamp(consecutiveThrottles - 1, 0, 30);
        var ticks = Base.Ticks * Math.Pow(2, exponent);
        return ticks >= Max.Ticks ? Max : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>When the lockout of a throttle of <paramref name="kind"/> received at <paramref name="now"/> ends.</summary>
    public DateTimeOffset LockedUntil(ThrottleKind kind, int consecutiveThrottles, TimeSpan? retryAfter, DateTimeOffset now) =>
        kind == ThrottleKind.DailyQuota ? NextDailyReset(now) : now + LockoutFor(consecutiveThrottles, retryAfter);

    /// <summary>The first daily quota reset strictly after <paramref name="now"/>.</summary>
    public DateTimeOffset NextDailyReset(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        var reset = new DateTimeOffset(utc.Date, TimeSpan.Zero) + DailyQuotaReset;
        return reset > utc ? reset : reset.AddDays(1);
    }
}
