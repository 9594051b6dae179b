using OrleansProxy.Testing.FakeBedrock.Recording;

namespace OrleansProxy.Gateway.Tests.EndToEnd;

/// <summary>
/// Bedrock's quotas are per account and region: once one key of an account is throttled, its sibling keys would be
/// too, so the proxy retries on another account instead of spending an attempt (and the client's time) on them.
/// </summary>
[Collection(SharedQuotaGatewayCollection.Name)]
public sealed class SharedQuotaTests(SharedQuotaGatewayFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<int> PostAsync() =>
        (await Http.PostJsonAsync(fixture.CreateClient(), "/proxy/aws/claude/v1/messages", Http.HaikuMessages)).Status;

    [Fact]
    public async Task AccountThrottled_RetriesGoToAnotherAccount_NeverToASiblingKey()
    {
        var (first, sibling, otherAccount) = (fixture.Keys[0], fixture.Keys[1], fixture.Keys[2]);
        // The fake keeps one quota per account and region: this throttles both keys of account 111122223333.
        fixture.Bedrock.Credential(first.AccessKeyId).ThrottleAlways = true;

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(200, await PostAsync());
        }

        var invokes = fixture.Bedrock.Requests.Where(r => r.Operation == FakeOperation.Invoke).ToList();
        // Whichever key of the account is tried first is found throttled; the other one is never tried.
        var onThrottledAccount = invokes.Where(r => r.AccessKeyId == first.AccessKeyId || r.AccessKeyId == sibling.AccessKeyId);
        Assert.Equal(429, Assert.Single(onThrottledAccount).StatusCode);
        Assert.Equal(3, invokes.Count(r => r.AccessKeyId == otherAccount.AccessKeyId && r.StatusCode == 200));
        await fixture.WaitForPoolAsync(s => s.Families.Single(f => f.Family == "claude-3-haiku") is { Throttled: 2, Usable: 1 });
    }

    [Fact]
    public async Task AccountLockoutOver_BothItsKeysServeAgain()
    {
        var account = fixture.Bedrock.Credential(fixture.Keys[0].AccessKeyId);
        account.ThrottleNext(1);
        // Least recently used first: one of the account's keys is tried within two requests.
        for (var i = 0; i < 3 && account.PendingThrottles > 0; i++)
        {
            Assert.Equal(200, await PostAsync());
        }

        Assert.Equal(0, account.PendingThrottles);
        await fixture.WaitForPoolAsync(s => s.Families.Single(f => f.Family == "claude-3-haiku").Throttled == 2);
        fixture.Bedrock.ClearRequests();

        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(200, await PostAsync());
        }

        var served = fixture.Bedrock.Requests.Where(r => r.Operation == FakeOperation.Invoke && r.StatusCode == 200).Select(r => r.AccessKeyId).ToList();
        Assert.Contains(fixture.Keys[0].AccessKeyId, served);
        Assert.Contains(fixture.Keys[1].AccessKeyId, served);
    }
}
