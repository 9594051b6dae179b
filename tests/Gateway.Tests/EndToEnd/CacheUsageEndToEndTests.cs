using OrleansProxy.Credentials;
using OrleansProxy.Testing.FakeBedrock.Behaviour;

namespace OrleansProxy.Gateway.Tests.EndToEnd;

/// <summary>Cache reads and writes Bedrock reports reach the credential grains and the pool, once per request.</summary>
[Collection(GatewayCollection.Name)]
public sealed class CacheUsageEndToEndTests(GatewayFixture fixture) : IAsyncLifetime
{
    private const string Family = "claude-3-haiku";
    private const string Body = """{"model":"claude-3-haiku-20240307","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""";
    private const string StreamBody = """{"model":"claude-3-haiku-20240307","max_tokens":10,"stream":true,"messages":[{"role":"user","content":"hi"}]}""";

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task PlainAndStreamedAnswers_CacheTokensCountedOnceEach()
    {
        foreach (var key in fixture.Keys)
        {
            fixture.Bedrock.Credential(key.AccessKeyId).CacheUsage = new FakeCacheUsage(ReadTokens: 9000, WriteTokens: 1200);
        }

        var before = await FamilyUsageAsync();
        using var client = fixture.CreateClient();

        var (plainStatus, _) = await Http.PostJsonAsync(client, "/proxy/aws/claude/v1/messages", Body);
        var (streamStatus, _, events) = await Http.PostSseAsync(client, "/proxy/aws/claude/v1/messages", StreamBody);

        Assert.Equal(200, plainStatus);
        Assert.Equal(200, streamStatus);
        Assert.Contains(events, e => e.Event == "message_stop");
        await fixture.WaitForPoolAsync(s => Usage(s).Requests == before.Requests + 2);
        var after = Usage(await fixture.Pool.GetSnapshotAsync());
        Assert.Equal(before.CacheReadTokens + 18_000, after.CacheReadTokens);
        Assert.Equal(before.CacheWrite5mTokens + 2_400, after.CacheWrite5mTokens);
        Assert.Equal(before.CacheWrite1hTokens, after.CacheWrite1hTokens);
        // The grains' own counts agree with the pool's.
        var fromGrains = FamilyUsage.Zero;
        foreach (var key in fixture.Keys)
        {
            var snapshot = await fixture.Grains.GetGrain<ICredentialGrain>(key.Id).GetSnapshotAsync();
            fromGrains = fromGrains.Add(snapshot.Families.Single(f => f.Family == Family).Usage);
        }

        Assert.Equal(after.CacheReadTokens, fromGrains.CacheReadTokens);
        Assert.Equal(after.CacheWriteTokens, fromGrains.CacheWriteTokens);
    }

    private async Task<FamilyUsage> FamilyUsageAsync() => Usage(await fixture.Pool.GetSnapshotAsync());

    private static FamilyUsage Usage(Pool.PoolSnapshot snapshot) => snapshot.Families.Single(f => f.Family == Family).Usage;
}
