using OrleansProxy.Users;

namespace OrleansProxy.Users.Tests;

public sealed class MinuteWindowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Requests_CountTheLast60Seconds_AndSlideOut()
    {
        var window = new MinuteWindow();
        window.AddRequest(T0);
        window.AddRequest(T0.AddSeconds(30));
        window.AddRequest(T0.AddSeconds(59));

        Assert.Equal(3, window.Requests(T0.AddSeconds(59)));
        Assert.Equal(2, window.Requests(T0.AddSeconds(60)));
        Assert.Equal(1, window.Requests(T0.AddSeconds(90)));
        Assert.Equal(0, window.Requests(T0.AddSeconds(119)));
    }

    [Fact]
    public void Buckets_AreReusedAfterAMinute_WithoutCarryingOldCounts()
    {
        var window = new MinuteWindow();
        window.AddTokens(T0, 500);
        window.AddTokens(T0.AddSeconds(60), 7);

        Assert.Equal(7, window.Tokens(T0.AddSeconds(60)));
    }

    [Fact]
    public void UntilBelow_IsWhenEnoughOldBucketsSlideOut()
    {
        var window = new MinuteWindow();
        window.AddRequest(T0);
        window.AddRequest(T0.AddSeconds(10));
        window.AddRequest(T0.AddSeconds(20));

        // Limit 3 at T0+30: the request from T0 leaves at T0+60, 30 s from now.
        Assert.Equal(TimeSpan.FromSeconds(30), window.UntilBelow(T0.AddSeconds(30), 3, tokens: false));
        // Limit 2: the first two must leave; the second goes at T0+70.
        Assert.Equal(TimeSpan.FromSeconds(40), window.UntilBelow(T0.AddSeconds(30), 2, tokens: false));
    }

    [Fact]
    public void UntilBelow_TokensOverTheLimitWithinOneBucket_WaitsForThatBucket()
    {
        var window = new MinuteWindow();
        window.AddTokens(T0.AddSeconds(5), 10_000);

        Assert.Equal(TimeSpan.FromSeconds(55), window.UntilBelow(T0.AddSeconds(10), 1_000, tokens: true));
    }

    [Fact]
    public void ExportThenImport_KeepsTheLastMinute_AndDropsWhatSlidOutMeanwhile()
    {
        var window = new MinuteWindow();
        window.AddRequest(T0);
        window.AddTokens(T0, 100);
        window.AddRequest(T0.AddSeconds(40));
        window.AddRequest(T0.AddSeconds(40));
        window.AddTokens(T0.AddSeconds(59), 7);

        var written = window.Export(T0.AddSeconds(59));
        // A new activation reads it 5 s later: T0's second has slid out since.
        var restored = new MinuteWindow();
        restored.Import(written, T0.AddSeconds(64));

        Assert.Equal([new WindowSecond(T0.ToUnixTimeSeconds(), 1, 100), new WindowSecond(T0.AddSeconds(40).ToUnixTimeSeconds(), 2, 0),
            new WindowSecond(T0.AddSeconds(59).ToUnixTimeSeconds(), 0, 7)], written);
        Assert.Equal(2, restored.Requests(T0.AddSeconds(64)));
        Assert.Equal(7, restored.Tokens(T0.AddSeconds(64)));
        Assert.Equal(TimeSpan.FromSeconds(36), restored.UntilBelow(T0.AddSeconds(64), 1, tokens: false));
        // Counting goes on in the same buckets.
        restored.AddRequest(T0.AddSeconds(64));
        Assert.Equal(3, restored.Requests(T0.AddSeconds(64)));
        Assert.Equal(1, restored.Requests(T0.AddSeconds(100)));
    }
}
