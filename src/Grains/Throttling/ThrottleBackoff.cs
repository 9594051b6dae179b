namespace OrleansProxy.Throttling;

/// <summary>
/// Lockout length after a <c>ThrottlingException</c>. Bedrock quotas are per account, region and model per
/// minute, so lockouts double from a short base up to about a minute. An explicit retry hint from upstream is
/// the newest signal and wins, even when shorter than the current lockout.
/// </summary>
/// <param name="Base">First lockout.</param>
/// <param name="Max">Longest lockout.</param>
public sealed record ThrottleBackoff(TimeSpan Base, TimeSpan Max)
{
    /// <summary>Lockout for the <paramref name="consecutiveThrottles"/>-th throttle in a row (1-based).</summary>
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
}
