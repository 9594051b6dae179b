using OrleansProxy.Credentials;
using OrleansProxy.Pool;

namespace OrleansProxy.Cluster.Tests;

/// <summary>A spent daily token quota locks the account's family out until the quota resets, and says so.</summary>
[Collection(ClusterCollection.Name)]
public sealed class DailyQuotaTests(ProxyClusterFixture fixture) : IAsyncLifetime
{
    private const string Haiku = "anthropic.claude-3-haiku-20240307-v1:0";
    private const string Family = "claude-3-haiku";
    private const string TooManyTokensPerDay = "Too many tokens per day, please wait before trying again.";
    private static readonly string[] NoExclusions = [];

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<LeaseResult> AcquireAsync(string model = Haiku) => fixture.Pool.AcquireAsync(new LeaseRequest(model, NoExclusions));

    [Fact]
    public async Task DailyQuotaThrottle_LocksOutUntilUtcMidnight_AndIsShownAsSuch()
    {
        var credential = fixture.NewCredential();
        await fixture.RegisterAsync(credential);
        var lease = (await AcquireAsync()).Lease!;
        var now = fixture.Clock.GetUtcNow();
        var reset = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);

        await fixture.Credential(credential).ReportAsync(new RequestOutcome(
            lease.LeaseId, Family, OutcomeKind.Throttled, ErrorType: "ThrottlingException", Message: TooManyTokensPerDay));
        var stats = await EventuallyAsync(async () =>
            (await fixture.Pool.GetSnapshotAsync()).Families.Single(f => f.Family == Family) is { DailyQuotaExhausted: 1 } s ? s : null);

        Assert.Equal(1, stats.Throttled);
        Assert.Equal(reset, stats.DailyQuotaResetsAt);
        var family = (await fixture.Credential(credential).GetSnapshotAsync()).Families.Single(f => f.Family == Family);
        Assert.Equal(ThrottleKind.DailyQuota, family.LockKind);
        Assert.Equal(reset, family.LockedUntil);

        // Long past the 60 s maximum backoff, and a second before the reset: still locked out, with the reset as the hint.
        var beforeReset = reset - now - TimeSpan.FromSeconds(1);
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        var afterBackoff = await AcquireAsync();
        fixture.Clock.Advance(beforeReset - TimeSpan.FromMinutes(5));
        var lastSecond = await AcquireAsync();
        var otherFamily = await AcquireAsync("anthropic.claude-v2:1");
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var afterReset = await AcquireAsync();

        Assert.Null(afterBackoff.Lease);
        Assert.Equal(NoCredentialReason.AllThrottled, afterBackoff.Reason);
        Assert.Equal(reset - now - TimeSpan.FromMinutes(5), afterBackoff.RetryAfter);
        Assert.Null(lastSecond.Lease);
        Assert.Equal(TimeSpan.FromSeconds(1), lastSecond.RetryAfter);
        Assert.NotNull(otherFamily.Lease);
        Assert.Equal(credential.Id, afterReset.Lease?.CredentialId);
        var cleared = (await fixture.Pool.GetSnapshotAsync()).Families.Single(f => f.Family == Family);
        Assert.Equal(0, cleared.DailyQuotaExhausted);
        Assert.Null(cleared.DailyQuotaResetsAt);
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, "the pool did not reach the expected state within 10 s");
            await Task.Delay(20);
        }
    }
}
