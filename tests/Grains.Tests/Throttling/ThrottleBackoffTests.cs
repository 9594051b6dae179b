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
