using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using OrleansProxy.Gateway.Auth;
using OrleansProxy.Hosting;
using OrleansProxy.Persistence;
using OrleansProxy.Usage;
using OrleansProxy.Users;
using static OrleansProxy.Gateway.Tests.Admin.UserAdminClient;

namespace OrleansProxy.Gateway.Tests.Admin;

/// <summary>
/// A user token appears in exactly one answer, the create or rotate that issued it: never in a later admin answer, the
/// dashboard, the metrics, the logs, or grain storage (the user's state, the token directory, the user index).
/// </summary>
[Collection(AdminCollection.Name)]
public sealed class UserSecretScanTests(AdminGatewayFixture fixture)
{
    [Fact]
    public async Task UserTokens_OnlyInTheAnswerThatIssuedThem()
    {
        using var admin = fixture.CreateAdminClient();
        var tokens = new List<(string Id, string Token)>();
        for (var i = 0; i < 3; i++)
        {
            var (id, token, _) = await CreateAsync(admin, $$"""{"name":"scan {{i}}","quotas":[{"family":"*","period":"day","tokens":1000000}]}""");
            tokens.Add((id, token));
        }

        // Every read and change, usage included, and a rotation whose old and new tokens must both stay unseen.
        await UseAsync(fixture.Grains, tokens[0].Id, tokens[0].Token, "claude-sonnet-4-5", new TokenUsage(10, 10, 5), fixture.Clock.GetUtcNow());
        var (_, rotated, _) = await SendAsync(admin, HttpMethod.Post, $"/admin/api/users/{tokens[1].Id}/rotate");
        tokens.Add((tokens[1].Id, rotated.GetProperty("token").GetString()!));
        await SendAsync(admin, HttpMethod.Patch, $"/admin/api/users/{tokens[0].Id}", """{"limits":{"maxConcurrent":4}}""");
        await SendAsync(admin, HttpMethod.Post, $"/admin/api/users/{tokens[2].Id}/disable", """{"reason":"scan"}""");
        await SendAsync(admin, HttpMethod.Post, $"/admin/api/users/{tokens[2].Id}/enable");
        foreach (var (id, _) in tokens)
        {
            await SendAsync(admin, HttpMethod.Get, $"/admin/api/users/{id}");
        }

        await SendAsync(admin, HttpMethod.Get, "/admin/api/users?search=scan&limit=500");
        await WaitActiveAsync(fixture.Grains, tokens[0].Id, UsagePeriods.Day(fixture.Clock.GetUtcNow()));
        await SendAsync(admin, HttpMethod.Get, "/admin/api/usage?groupBy=user,family,day");
        await admin.GetStringAsync("/admin/api/usage?format=csv");
        using var client = fixture.CreateClient();
        var texts = new List<(string Where, string Text)>
        {
            ("/metrics", await client.GetStringAsync("/metrics")),
            ("/admin", await client.GetStringAsync("/admin")),
        };
        texts.AddRange(fixture.Logs.Records.Select(r => ($"log {r.Category}[{r.EventId.Id}]", r.AllText())));
        texts.AddRange(await StoredTextsAsync(tokens));

        var hits = (from t in texts from u in tokens where t.Text.Contains(u.Token, StringComparison.Ordinal) select $"{u.Id}'s token in {t.Where}").ToList();
        Assert.Empty(hits);
        foreach (var (id, token) in tokens)
        {
            var answers = fixture.Responses.Where(r => r.Body.Contains(token, StringComparison.Ordinal)).Select(r => r.Path).ToList();
            Assert.True(answers.Count == 1, $"{id}'s token is in {answers.Count} answers: {string.Join(", ", answers)}");
            Assert.True(answers[0] == "/admin/api/users" || answers[0] == $"/admin/api/users/{id}/rotate", answers[0]);
        }
    }

    // What standalone storage holds for these users: their states, the directory shards of their tokens, their index shards.
    private async Task<List<(string Where, string Text)>> StoredTextsAsync(IEnumerable<(string Id, string Token)> users)
    {
        var storage = fixture.Factory.Services.GetRequiredKeyedService<IGrainStorage>(ProxyStorage.Name);
        var serializer = fixture.Factory.Services.GetRequiredService<IGrainStorageSerializer>();
        var texts = new List<(string, string)>();
        var found = 0;
        foreach (var (id, token) in users)
        {
            var user = new GrainState<UserState>();
            await storage.ReadStateAsync("user", fixture.Grains.GetGrain<IUserGrain>(id).GetGrainId(), user);
            found += user.State?.TokenHash is { } hash && (hash == UserTokens.Hash(token) || user.State.TokenRotated is not null) ? 1 : 0;
            // The user's directory and index buckets (each shard is stored as DictionaryBuckets.Count records).
            var directory = new GrainState<DictionaryBucket<string>>();
            var directoryShard = fixture.Grains.GetGrain<ITokenDirectoryGrain>(UserShards.OfTokenHash(UserTokens.Hash(token))).GetGrainId();
            await storage.ReadStateAsync(DictionaryBuckets.StateName("tokens", DictionaryBuckets.Of(UserTokens.Hash(token))), directoryShard, directory);
            var index = new GrainState<DictionaryBucket<UserSummary>>();
            var indexShard = fixture.Grains.GetGrain<IUserIndexGrain>(UserShards.OfUser(id)).GetGrainId();
            await storage.ReadStateAsync(DictionaryBuckets.StateName("users", DictionaryBuckets.Of(id)), indexShard, index);
            Assert.True(index.State!.Rows.ContainsKey(id), $"user {id} is not in its stored index bucket");
            foreach (var (where, bytes) in new[]
                     {
                         ($"user {id}", serializer.Serialize(user.State).ToArray()),
                         ($"token directory of {id}", serializer.Serialize(directory.State).ToArray()),
                         ($"user index of {id}", serializer.Serialize(index.State).ToArray()),
                     })
            {
                texts.Add(("storage: " + where, Encoding.UTF8.GetString(bytes)));
                texts.Add(("storage (UTF-16): " + where, Encoding.Unicode.GetString(bytes)));
            }
        }

        Assert.True(found >= 3, $"only {found} users' states were found in grain storage");
        return texts;
    }
}
