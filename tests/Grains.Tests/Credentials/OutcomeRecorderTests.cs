using OrleansProxy.Throttling;

namespace OrleansProxy.Credentials.Tests;

/// <summary>
/// A key under load has many requests in flight when Bedrock starts throttling it: their answers must neither
/// escalate the backoff (one exhausted quota, not many) nor end the lockout (admitted before the quota ran out).
/// </summary>
public sealed class OutcomeRecorderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly ThrottleBackoff Backoff = new(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60));

    private readonly CredentialState _state = new();

    public OutcomeRecorderTests() => Haiku.Access = FamilyAccess.Granted;

    private FamilyState Haiku => _state.Family("claude-3-haiku");

    private const string TooManyRequests = "Too many requests, please wait before trying again.";
    private const string TooManyTokens = "Too many tokens, please wait before trying again.";
    private const string TooManyTokensPerDay = "Too many tokens per day, please wait before trying again.";
    private static readonly DateTimeOffset Midnight = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);

    private bool Report(OutcomeKind kind, DateTimeOffset? signedAt, DateTimeOffset at, TimeSpan? retryAfter = null, string? message = null) =>
        OutcomeRecorder.Apply(_state, Haiku, new RequestOutcome(Guid.NewGuid(), "claude-3-haiku", kind, ErrorType: kind == OutcomeKind.Throttled ? "ThrottlingException" : null, Message: message, RetryAfter: retryAfter), Backoff, signedAt, at);

    [Theory]
    [InlineData(TooManyRequests, ThrottleKind.Requests)]
    [InlineData(TooManyTokens, ThrottleKind.Tokens)]
    public void PerMinuteThrottles_LockOutWithTheDoublingBackoff(string message, ThrottleKind kind)
    {
        Report(OutcomeKind.Throttled, T0, T0.AddSeconds(1), message: message);
        var first = Haiku.LockedUntil;
        Report(OutcomeKind.Throttled, T0.AddSeconds(3), T0.AddSeconds(3.5), message: message);

        Assert.Equal(T0.AddSeconds(3), first);
        Assert.Equal(T0.AddSeconds(7.5), Haiku.LockedUntil);
        Assert.Equal(kind, Haiku.LockKind);
        Assert.Equal(2, Haiku.ConsecutiveThrottles);
    }

    [Fact]
    public void DailyQuota_LocksOutUntilTheReset_NotTheMaximumBackoff()
    {
        var changed = Report(OutcomeKind.Throttled, T0, T0.AddSeconds(1), message: TooManyTokensPerDay);

        Assert.True(changed);
        Assert.Equal(Midnight, Haiku.LockedUntil);
        Assert.Equal(ThrottleKind.DailyQuota, Haiku.LockKind);
    }

    [Fact]
    public void DailyQuota_APerMinuteThrottleAfterIt_DoesNotShortenIt()
    {
        Report(OutcomeKind.Throttled, T0, T0.AddSeconds(1), message: TooManyTokensPerDay);

        // Signed after the daily throttle (a gateway that raced the lockout): a new run, yet the day's quota is still spent.
        var changed = Report(OutcomeKind.Throttled, T0.AddSeconds(2), T0.AddSeconds(2.5), message: TooManyRequests);

        Assert.False(changed);
        Assert.Equal(Midnight, Haiku.LockedUntil);
        Assert.Equal(ThrottleKind.DailyQuota, Haiku.LockKind);
    }

    [Fact]
    public void DailyQuota_AfterAPerMinuteLockout_ExtendsItToTheReset()
    {
        Report(OutcomeKind.Throttled, T0, T0.AddSeconds(1), message: TooManyTokens);

        var changed = Report(OutcomeKind.Throttled, T0, T0.AddSeconds(1.2), message: TooManyTokensPerDay);

        Assert.True(changed);
        Assert.Equal(Midnight, Haiku.LockedUntil);
        Assert.Equal(ThrottleKind.DailyQuota, Haiku.LockKind);
    }

    [Fact]
    public void DailyQuota_ASuccessSignedAfterTheReset_ClearsIt()
    {
        Report(OutcomeKind.Throttled, T0, T0.AddSeconds(1), message: TooManyTokensPerDay);

        var changed = Report(OutcomeKind.Success, Midnight.AddSeconds(1), Midnight.AddSeconds(2));

        Assert.True(changed);
        Assert.Null(Haiku.LockedUntil);
        Assert.Null(Haiku.LockKind);
    }

    [Fact]
    public void Success_CountsCacheTokensOnceBesideInputAndOutput()
    {
        var outcome = new RequestOutcome(Guid.NewGuid(), "claude-3-haiku", OutcomeKind.Success, 10, 5,
            CacheReadTokens: 1000, CacheWrite5mTokens: 200, CacheWrite1hTokens: 300);
        OutcomeRecorder.Apply(_state, Haiku, outcome, Backoff, T0, T0.AddSeconds(1));
        OutcomeRecorder.Apply(_state, Haiku, outcome with { LeaseId = Guid.NewGuid(), CacheWrite1hTokens = -1 }, Backoff, T0, T0.AddSeconds(2));

        Assert.Equal(new FamilyUsage(2, 20, 10, 0, 0, 2000, 400, 300), Haiku.Usage);
        Assert.Equal(2000.0 / (20 + 2000 + 400 + 300), Haiku.Usage.CacheHitRatio, 10);
    }

    [Fact]
    public void ThrottlesOfRequestsInFlightWhenTheFirstCame_DoNotDoubleTheBackoff()
    {
        Report(OutcomeKind.Throttled, T0, T0.AddSeconds(1));
        for (var i = 1; i <= 5; i++)
        {
            Report(OutcomeKind.Throttled, T0, T0.AddSeconds(1).AddMilliseconds(100 * i));
        }

        Assert.Equal(1, Haiku.ConsecutiveThrottles);
        Assert.Equal(T0.AddSeconds(3.5), Haiku.LockedUntil);
        Assert.Equal(6, Haiku.Usage.Throttles);
    }

    [Fact]
    public void SuccessOfARequestAdmittedBeforeTheThrottle_KeepsTheLockout()
    {
        Report(OutcomeKind.Throttled, T0, T0.AddSeconds(1));

        var changed = Report(OutcomeKind.Success, T0, T0.AddSeconds(1.5));

        Assert.False(changed);
        Assert.Equal(T0.AddSeconds(3), Haiku.LockedUntil);
        Assert.Equal(1, Haiku.ConsecutiveThrottles);
        Assert.Equal(2, Haiku.Usage.Requests);
    }

    [Fact]
    public void RequestsSignedAfterTheLockout_StartOver_OrEscalate()
    {
        Report(OutcomeKind.Throttled, T0, T0.AddSeconds(1));
        Report(OutcomeKind.Throttled, T0.AddSeconds(3), T0.AddSeconds(3.2));
        var escalated = Haiku.LockedUntil;

        var changed = Report(OutcomeKind.Success, T0.AddSeconds(8), T0.AddSeconds(8.1));

        Assert.Equal(T0.AddSeconds(7.2), escalated);
        Assert.True(changed);
        Assert.Null(Haiku.LockedUntil);
        Assert.Equal(0, Haiku.ConsecutiveThrottles);
    }

    [Fact]
    public void ALongerRetryHintInTheSameRun_ExtendsTheLockout()
    {
        Report(OutcomeKind.Throttled, T0, T0.AddSeconds(1));

        var changed = Report(OutcomeKind.Throttled, T0, T0.AddSeconds(1.1), retryAfter: TimeSpan.FromSeconds(20));

        Assert.True(changed);
        Assert.Equal(T0.AddSeconds(21.1), Haiku.LockedUntil);
        Assert.Equal(1, Haiku.ConsecutiveThrottles);
    }

    [Fact]
    public void UnknownSigningTime_ALockoutInForceDecides()
    {
        Report(OutcomeKind.Throttled, T0, T0.AddSeconds(1));

        Report(OutcomeKind.Success, null, T0.AddSeconds(2));
        var whileLocked = Haiku.LockedUntil;
        Report(OutcomeKind.Success, null, T0.AddSeconds(4));

        Assert.Equal(T0.AddSeconds(3), whileLocked);
        Assert.Null(Haiku.LockedUntil);
    }
}
