using OrleansProxy.Throttling;

namespace OrleansProxy.Pool.Tests;

public sealed class CountTokensLockoutsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] None = [];

    private static CountTokensLockouts New() => new(new ThrottleBackoff(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60)));

    [Fact]
    public void Throttled_LocksOutForTheBackoff_DoublingWhileThrottlesFollowEachOther()
    {
        var lockouts = New();

        Assert.Equal(Now.AddSeconds(2), lockouts.Throttled("a", Now));
        Assert.Equal(Now.AddSeconds(3 + 4), lockouts.Throttled("a", Now.AddSeconds(3)));
        Assert.True(lockouts.IsLocked("a", Now.AddSeconds(6)));
        Assert.False(lockouts.IsLocked("a", Now.AddSeconds(7)));
        Assert.False(lockouts.IsLocked("b", Now));

        // Quiet for longer than the longest lockout: the next throttle starts from the base again.
        Assert.Equal(Now.AddSeconds(100 + 2), lockouts.Throttled("a", Now.AddSeconds(100)));
    }

    [Fact]
    public void Exclude_AddsLockedKeys_AndForgetsLockoutsLongOver()
    {
        var lockouts = New();
        Assert.Same(None, lockouts.Exclude(None, Now));
        lockouts.Throttled("a", Now);
        lockouts.Throttled("b", Now.AddSeconds(-70));

        Assert.Equal(["a", "x"], lockouts.Exclude(["x"], Now).Order());
        Assert.Equal(1, lockouts.Count);
        Assert.Empty(lockouts.Exclude(None, Now.AddSeconds(2)));

        lockouts.Remove("a");
        Assert.Equal(0, lockouts.Count);
    }
}
