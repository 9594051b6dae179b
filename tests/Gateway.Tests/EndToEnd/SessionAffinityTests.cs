using System.Text.Json;
using OrleansProxy.Credentials;
using OrleansProxy.Testing.FakeBedrock.Recording;

namespace OrleansProxy.Gateway.Tests.EndToEnd;

/// <summary>
/// Prompt-cache affinity end to end: requests of one session reach Bedrock from one cache scope (account and
/// region), so they read the cache the first one wrote; new sessions still spread over the keys.
/// </summary>
[Collection(SessionsGatewayCollection.Name)]
public sealed class SessionAffinityTests(SessionsGatewayFixture fixture) : IAsyncLifetime
{
    private static readonly string System = new('s', 8000); // 2000 of the fake's tokens: cacheable

    // ResetAsync advances the clock 5 minutes: every pin (and cache entry) of the previous test has expired.
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    // Claude Code's layout: the system prompt marked, the conversation growing, its newest turn marked.
    private static string Body(int turns, string task = "task")
    {
        var messages = Enumerable.Range(0, 2 * turns - 1).Select(i => new Dictionary<string, object>
        {
            ["role"] = i % 2 == 0 ? "user" : "assistant",
            ["content"] = i == 2 * turns - 2
                ? new object[] { new { type = "text", text = $"{task} turn {i / 2}", cache_control = new { type = "ephemeral" } } }
                : new object[] { new { type = "text", text = i % 2 == 0 ? $"{task} turn {i / 2}" : "done" } },
        });
        return JsonSerializer.Serialize(new
        {
            model = "claude-3-haiku-20240307",
            max_tokens = 20,
            system = new object[] { new { type = "text", text = System, cache_control = new { type = "ephemeral" } } },
            messages,
        });
    }

    private async Task<int> SendAsync(string? session, int turns = 1, string task = "task")
    {
        using var client = fixture.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/proxy/aws/claude/v1/messages") { Content = Http.Json(Body(turns, task)) };
        if (session is not null)
        {
            request.Headers.Add("x-claude-code-session-id", session);
        }

        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }

    // Leases are released when the credential reports, after the answer: wait, so "least loaded" is deterministic; and
    // move the (fake) clock on, or every key would have been leased "at the same time" and the tie-break is fixed.
    private async Task IdleAsync()
    {
        await fixture.WaitForPoolAsync(s => s.InFlight == 0);
        fixture.Clock.Advance(TimeSpan.FromMilliseconds(1));
    }

    private List<RecordedRequest> Invocations() =>
        [.. fixture.Bedrock.Requests.Where(r => r.Operation == FakeOperation.Invoke).OrderBy(r => r.StartedAt)];

    private string Scope(string accessKeyId)
    {
        var key = fixture.Keys.Single(k => k.AccessKeyId == accessKeyId);
        return AwsAccountIds.TryDecode(key.AccessKeyId) + "/" + key.Region;
    }

    private long CacheReads() => fixture.Keys.Sum(k => fixture.Bedrock.Credential(k.AccessKeyId).CacheReadTokens);

    private long CacheWrites() => fixture.Keys.Sum(k => fixture.Bedrock.Credential(k.AccessKeyId).CacheWriteTokens);

    [Fact]
    public async Task SessionTurns_StayOnOneCacheScope_AndReadTheCache()
    {
        var (reads, writes) = (CacheReads(), CacheWrites());
        for (var turn = 1; turn <= 5; turn++)
        {
            Assert.Equal(200, await SendAsync("turns-session", turn));
            // Unpinned traffic in between (no session, no cache_control) moves least-recently-used: the session stays.
            Assert.Equal(200, (await Http.PostJsonAsync(fixture.CreateClient(), "/proxy/aws/claude/v1/messages", Http.HaikuMessages)).Status);
            await IdleAsync();
        }

        var session = Invocations().Where(r => r.Body!.Contains("turn", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, session.Count);
        Assert.Single(session.Select(r => Scope(r.AccessKeyId!)).Distinct());
        // Written once (system prompt and first turn), then read: each later turn reads at least the system prompt.
        Assert.True(CacheReads() - reads >= 4 * 2000, $"read {CacheReads() - reads} tokens");
        Assert.True(CacheWrites() - writes < 2000 + 4 * 20, $"wrote {CacheWrites() - writes} tokens");
    }

    [Fact]
    public async Task ParallelRequestsOfOneSession_ShareItsScope()
    {
        var statuses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => SendAsync("parallel-session", 1, $"sub-agent {i}")));

        Assert.All(statuses, s => Assert.Equal(200, s));
        Assert.Single(Invocations().Select(r => Scope(r.AccessKeyId!)).Distinct());
    }

    [Fact]
    public async Task WithoutASessionId_TheCachedPrefixPinsTheConversation()
    {
        for (var turn = 1; turn <= 4; turn++)
        {
            Assert.Equal(200, await SendAsync(null, turn));
            await IdleAsync();
        }

        Assert.Single(Invocations().Select(r => Scope(r.AccessKeyId!)).Distinct());
    }

    [Fact]
    public async Task AccountThrottled_SessionMovesOnce_AndNeverReturns()
    {
        Assert.Equal(200, await SendAsync("moving-session", 1));
        var home = Invocations().Single().AccessKeyId!;
        // The fake's quota is per account and region: both keys of the account answer 429.
        fixture.Bedrock.Credential(home).ThrottleAlways = true;

        Assert.Equal(200, await SendAsync("moving-session", 2));
        var moved = Invocations().Last().AccessKeyId!;
        Assert.NotEqual(Scope(home), Scope(moved));

        // The old account recovers and its lockout ends; the session's cache is now elsewhere, so it stays there.
        fixture.Bedrock.Credential(home).ThrottleAlways = false;
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        await fixture.WaitForPoolAsync(s => s.Families.Single(f => f.Family == "claude-3-haiku") is { Throttled: 0, Usable: 4 });
        for (var turn = 3; turn <= 6; turn++)
        {
            Assert.Equal(200, await SendAsync("moving-session", turn));
            await IdleAsync();
        }

        var invocations = Invocations();
        Assert.Single(invocations, r => r.StatusCode == 429);
        Assert.All(invocations.Where(r => r.StatusCode == 200).Skip(1), r => Assert.Equal(Scope(moved), Scope(r.AccessKeyId!)));
    }

    [Fact]
    public async Task NewSessions_SpreadOverTheKeys()
    {
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(200, await SendAsync($"new-session-{i}"));
            await IdleAsync();
        }

        Assert.Equal(4, Invocations().Select(r => r.AccessKeyId).Distinct().Count());
    }

    [Fact]
    public async Task Pin_SlidesWhileUsed_AndExpiresAfterFiveIdleMinutes()
    {
        Assert.Equal(200, await SendAsync("expiring-session"));
        await IdleAsync();
        var home = Invocations().Single().AccessKeyId!;

        // Four minutes later: still pinned, though the key is the most recently used one.
        fixture.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(200, await SendAsync("expiring-session", 2));
        await IdleAsync();
        Assert.Equal(home, Invocations().Last().AccessKeyId);

        // Five minutes after its last request the cache is gone, and so is the pin: least recently used wins again.
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(200, await SendAsync("expiring-session", 3));
        Assert.NotEqual(home, Invocations().Last().AccessKeyId);
    }

    [Fact]
    public async Task FullMap_EvictsTheLeastRecentSession()
    {
        Assert.Equal(200, await SendAsync("evicted-session"));
        await IdleAsync();
        var home = Invocations().Single().AccessKeyId!;

        // As many newer sessions as the pool keeps: the first one is the least recently seen, and is forgotten.
        for (var i = 0; i < SessionsGatewayFixture.SessionCapacity; i++)
        {
            Assert.Equal(200, await SendAsync($"newer-session-{i}"));
            await IdleAsync();
        }

        // Round robin over four keys left the evicted session's key the most recently used one.
        Assert.Equal(home, Invocations().Last().AccessKeyId);
        Assert.Equal(200, await SendAsync("evicted-session", 2));
        Assert.NotEqual(home, Invocations().Last().AccessKeyId);
    }
}
