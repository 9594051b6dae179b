using OrleansProxy.Credentials;
using OrleansProxy.Testing.FakeBedrock.Behaviour;

namespace OrleansProxy.Gateway.Tests.EndToEnd;

/// <summary>Bedrock's throttle texts, as the fake sends them, reach the credential grain and choose its lockout.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ThrottleKindTests(GatewayFixture fixture) : IAsyncLifetime
{
    private const string Family = "claude-3-haiku";
    private const string Body = """{"model":"claude-3-haiku-20240307","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""";

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(FakeThrottleMessage.TooManyRequests, ThrottleKind.Requests)]
    [InlineData(FakeThrottleMessage.TooManyTokens, ThrottleKind.Tokens)]
    public async Task PerMinuteThrottle_LocksOutForTheBackoff(FakeThrottleMessage message, ThrottleKind kind)
    {
        var throttled = fixture.Keys[0];
        var (family, now) = await ThrottleOneKeyAsync(throttled, message);

        Assert.Equal(kind, family.LockKind);
        // 2 s doubling per throttle in a row (earlier tests may have left some on this key), at most 60 s.
        var backoff = TimeSpan.FromSeconds(Math.Min(60, 2 * Math.Pow(2, family.ConsecutiveThrottles - 1)));
        Assert.Equal(now + backoff, family.LockedUntil);
    }

    [Fact]
    public async Task DailyQuotaThrottle_LocksOutUntilUtcMidnight_ShownOnThePool()
    {
        var throttled = fixture.Keys[0];
        var reset = new DateTimeOffset(fixture.Clock.GetUtcNow().UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        try
        {
            var (family, _) = await ThrottleOneKeyAsync(throttled, FakeThrottleMessage.TooManyTokensPerDay);

            Assert.Equal(ThrottleKind.DailyQuota, family.LockKind);
            Assert.Equal(reset, family.LockedUntil);
            await fixture.WaitForPoolAsync(s => s.Families.Single(f => f.Family == Family) is { DailyQuotaExhausted: 1 } stats && stats.DailyQuotaResetsAt == reset);

            // Long after the 60 s maximum backoff the key is still out: the other keys serve.
            fixture.Bedrock.Credential(throttled.AccessKeyId).Reset();
            fixture.Bedrock.ClearRequests();
            fixture.Clock.Advance(TimeSpan.FromMinutes(10));
            for (var i = 0; i < 6; i++)
            {
                Assert.Equal(200, (await Http.PostJsonAsync(fixture.CreateClient(), "/proxy/aws/claude/v1/messages", Body)).Status);
            }

            Assert.DoesNotContain(fixture.Bedrock.Requests, r => r.AccessKeyId == throttled.AccessKeyId);
        }
        finally
        {
            // The lockout would outlive this test: end the day.
            var left = reset - fixture.Clock.GetUtcNow();
            if (left > TimeSpan.Zero)
            {
                fixture.Clock.Advance(left);
            }
        }
    }

    // Throttles every invocation on one key with Bedrock's text, sends requests until one reached it (the others answer
    // them), and returns that key's family state and when the throttle was recorded.
    private async Task<(FamilySnapshot Family, DateTimeOffset At)> ThrottleOneKeyAsync(AwsCredential key, FakeThrottleMessage message)
    {
        var account = fixture.Bedrock.Credential(key.AccessKeyId);
        account.ThrottleMessage = message;
        account.ThrottleAlways = true;
        for (var i = 0; i < 6 && !fixture.Bedrock.Requests.Any(r => r.AccessKeyId == key.AccessKeyId && r.StatusCode == 429); i++)
        {
            Assert.Equal(200, (await Http.PostJsonAsync(fixture.CreateClient(), "/proxy/aws/claude/v1/messages", Body)).Status);
        }

        var snapshot = await fixture.Grains.GetGrain<ICredentialGrain>(key.Id).GetSnapshotAsync();
        return (snapshot.Families.Single(f => f.Family == Family), fixture.Clock.GetUtcNow());
    }
}
