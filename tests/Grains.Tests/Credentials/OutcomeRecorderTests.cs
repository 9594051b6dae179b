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

    private bool Report(OutcomeKind kind, DateTimeOffset? signedAt, DateTimeOffset at, TimeSpan? retryAfter = null) =>
        OutcomeRecorder.Apply(_state, Haiku, new RequestOutcome(Guid.NewGuid(), "claude-3-haiku", kind, RetryAfter: retryAfter), Backoff, signedAt, at);

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
