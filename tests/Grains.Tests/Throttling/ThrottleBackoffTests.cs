using OrleansProxy.Throttling;

namespace OrleansProxy.Throttling.Tests;

public sealed class ThrottleBackoffTests
{
    private readonly ThrottleBackoff _backoff = new(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60));

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(5, 32)]
    [InlineData(6, 60)]
    [InlineData(50, 60)]
    public void LockoutFor_DoublesUpToTheMaximum(int consecutive, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), _backoff.LockoutFor(consecutive, null));

    [Fact]
    public void LockoutFor_AnUpstreamHintWins_EvenWhenShorter() =>
        Assert.Equal(TimeSpan.FromSeconds(1), _backoff.LockoutFor(5, TimeSpan.FromSeconds(1)));

    [Fact]
    public void LockoutFor_AHintIsCappedAtTheMaximum() =>
        Assert.Equal(TimeSpan.FromSeconds(60), _backoff.LockoutFor(1, TimeSpan.FromHours(1)));
}

public sealed class ThrottleKindsTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 4, 12, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Too many requests, please wait before trying again.", Credentials.ThrottleKind.Requests)]
    [InlineData("Too many tokens, please wait before trying again.", Credentials.ThrottleKind.Tokens)]
    [InlineData("Too many tokens per day, please wait before trying again.", Credentials.ThrottleKind.DailyQuota)]
    [InlineData("Rate exceeded", Credentials.ThrottleKind.Other)]
    [InlineData(null, Credentials.ThrottleKind.Other)]
    public void Classify_ReadsBedrocksWording(string? message, Credentials.ThrottleKind expected) =>
        Assert.Equal(expected, ThrottleClassifier.Classify(message));

    [Fact]
    public void LockedUntil_DailyQuota_LastsUntilTheNextUtcMidnight()
    {
        var backoff = new ThrottleBackoff(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60));

        Assert.Equal(new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero), backoff.LockedUntil(Credentials.ThrottleKind.DailyQuota, 1, null, Noon));
        Assert.Equal(Noon.AddSeconds(2), backoff.LockedUntil(Credentials.ThrottleKind.Tokens, 1, null, Noon));
        Assert.Equal(Noon.AddSeconds(4), backoff.LockedUntil(Credentials.ThrottleKind.Requests, 2, null, Noon));
    }

    [Theory]
    [InlineData("12:00:00", "2026-12-05T12:00:00+00:00")]
    [InlineData("12:30:00", "2026-12-05T12:30:00+00:00")]
    [InlineData("13:00:00", "2026-12-04T13:00:00+00:00")]
    public void NextDailyReset_ConfiguredTimeOfDay_IsStrictlyLater(string reset, string expected)
    {
        var backoff = new ThrottleBackoff(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60), TimeSpan.Parse(reset, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), backoff.NextDailyReset(Noon));
    }

    [Fact]
    public void NextDailyReset_OtherOffset_IsComputedInUtc()
    {
        var backoff = new ThrottleBackoff(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60));
        var lateEveningInNewYork = new DateTimeOffset(2026, 12, 4, 22, 0, 0, TimeSpan.FromHours(-5));

        Assert.Equal(new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero), backoff.NextDailyReset(lateEveningInNewYork));
    }
}
