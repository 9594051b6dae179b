using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using OrleansProxy.Testing.FakeBedrock.Tests.TestSupport;

namespace OrleansProxy.Testing.FakeBedrock.Tests.Invocation;

/// <summary>The prompt cache: per account, region, model and prefix; written once, read while its lifetime lasts.</summary>
public sealed class PromptCacheTests : FakeBedrockTest
{
    private const string AccountA = "111122223333";
    private static readonly string System = new('s', 8000); // 2000 tokens: above the 1024-token minimum
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));

    protected override FakeBedrockOptions Options => new() { Time = _time };

    // System (2000 tokens) marked; then the conversation, its last user turn marked too (Claude Code's layout).
    private static string Body(string[] turns, string? ttl = null, string system = "")
    {
        var control = ttl is null ? (object)new { type = "ephemeral" } : new { type = "ephemeral", ttl };
        var messages = turns.Select((text, i) => new Dictionary<string, object>
        {
            ["role"] = i % 2 == 0 ? "user" : "assistant",
            ["content"] = i == turns.Length - 1
                ? new object[] { new { type = "text", text, cache_control = new { type = "ephemeral" } } }
                : new object[] { new { type = "text", text } },
        }).ToArray();
        return JsonSerializer.Serialize(new
        {
            anthropic_version = "bedrock-2023-05-31",
            max_tokens = 10,
            system = new object[] { new { type = "text", text = System + system, cache_control = control } },
            messages,
        });
    }

    private async Task<(int Input, int Write, int Read)> UsageAsync(BedrockClient client, string body)
    {
        client.SignedAt = _time.GetUtcNow().UtcDateTime;
        using var response = await client.InvokeAsync(Bodies.Claude3HaikuInPath, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var usage = JsonDocument.Parse(text).RootElement.GetProperty("usage");
        var result = (usage.GetProperty("input_tokens").GetInt32(), usage.GetProperty("cache_creation_input_tokens").GetInt32(),
            usage.GetProperty("cache_read_input_tokens").GetInt32());
        Assert.Equal(result.Item2.ToString(), Assert.Single(response.Headers.GetValues("x-amzn-bedrock-cache-write-input-token-count")));
        Assert.Equal(result.Item3.ToString(), Assert.Single(response.Headers.GetValues("x-amzn-bedrock-cache-read-input-token-count")));
        return result;
    }

    [Fact]
    public async Task FirstRequest_Writes_NextTurn_ReadsTheLongestCachedPrefix()
    {
        var long1 = new string('u', 4400); // turn 1: 1100 tokens of user text, after the system prompt

        var first = await UsageAsync(Us(), Body([long1]));
        var second = await UsageAsync(Us(), Body([long1, "ok", "next question"]));

        // 2000 (system) + 1100 (turn 1) = 3100 tokens written, none read; nothing else in the prompt.
        Assert.Equal((0, 3100, 0), first);
        // Turn 2 reads what turn 1 wrote and writes the rest up to its own last mark.
        // The turn-1 message is no longer marked, but it is within the lookback of the new mark: "ok" and "next question"
        // (15 characters) bring the prompt to 3104 tokens, of which 4 are new and written.
        Assert.Equal((0, 4, 3100), second);
        Assert.Equal(3, Server.PromptCacheEntries); // the system prefix, the turn-1 prefix, the turn-2 prefix
    }

    [Fact]
    public async Task CacheExpires_AfterFiveMinutesWithoutARead_AndReadsSlideIt()
    {
        var body = Body(["hi"]);
        await UsageAsync(Us(), body);
        _time.Advance(TimeSpan.FromMinutes(4));
        // System (2000 tokens) and "hi" (1 more): the whole marked prompt is read.
        Assert.Equal(2001, (await UsageAsync(Us(), body)).Read);
        _time.Advance(TimeSpan.FromMinutes(4)); // 8 minutes after the write, 4 after the read
        Assert.Equal(2001, (await UsageAsync(Us(), body)).Read);

        _time.Advance(TimeSpan.FromMinutes(5));
        var expired = await UsageAsync(Us(), body);

        Assert.Equal((0, 2001), (expired.Read, expired.Write));
    }

    [Fact]
    public async Task OneHourTtl_OutlivesFiveMinutes()
    {
        var body = Body(["hi"], ttl: "1h");
        await UsageAsync(Us(), body);
        _time.Advance(TimeSpan.FromMinutes(59));

        // The message's own mark (5 minutes) has expired; the system prompt's (1 hour) has not.
        Assert.Equal((2000, 1), ((await UsageAsync(Us(), body)) is var use ? (use.Read, use.Write) : default));
    }

    [Fact]
    public async Task KeysOfOneAccountShareTheCache_OtherAccountsAndRegionsDoNot()
    {
        Server.Credential(UsKey).Account = AccountA;
        Server.AddCredential("AKIAFAKEUSEAST2", "us2-secret", "us-east-1").Account = AccountA;
        Server.AddCredential("AKIAFAKEUSEAST3", "us3-secret", "us-east-1").Account = "444455556666";
        Server.AddCredential("AKIAFAKEUSWEST2", "usw-secret", "us-west-2").Account = AccountA;
        var body = Body(["hi"]);
        await UsageAsync(Us(), body);

        Assert.Equal(2001, (await UsageAsync(Client("AKIAFAKEUSEAST2", "us2-secret", "us-east-1"), body)).Read);
        Assert.Equal(0, (await UsageAsync(Client("AKIAFAKEUSEAST3", "us3-secret", "us-east-1"), body)).Read);
        Assert.Equal(0, (await UsageAsync(Client("AKIAFAKEUSWEST2", "usw-secret", "us-west-2"), body)).Read);
        Assert.Equal(2001, Server.Credential("AKIAFAKEUSEAST2").CacheReadTokens);
        Assert.Equal(2001, Server.Credential(UsKey).CacheWriteTokens);
    }

    [Fact]
    public async Task ThePrefixIsItsContent_AndTheMarkIsNotPartOfIt()
    {
        await UsageAsync(Us(), Body(["hi"]));

        Assert.Equal(0, (await UsageAsync(Us(), Body(["hi"], system: "changed"))).Read);
        // The same system prompt marked with another ttl is the same prefix.
        Assert.Equal(2001, (await UsageAsync(Us(), Body(["hi"], ttl: "5m"))).Read);
    }

    [Fact]
    public async Task ShortPrefixes_AreNotCached_AndUnmarkedRequestsReportNoCacheFields()
    {
        var shortBody = """{"anthropic_version":"bedrock-2023-05-31","max_tokens":10,"system":[{"type":"text","text":"short","cache_control":{"type":"ephemeral"}}],"messages":[{"role":"user","content":"hi"}]}""";
        Assert.Equal((0, 0), ((await UsageAsync(Us(), shortBody)).Read, (await UsageAsync(Us(), shortBody)).Write));

        var client = Us();
        client.SignedAt = _time.GetUtcNow().UtcDateTime;
        using var plain = await client.InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages());
        var usage = JsonDocument.Parse(await plain.Content.ReadAsStringAsync()).RootElement.GetProperty("usage");
        Assert.False(usage.TryGetProperty("cache_read_input_tokens", out _));
        Assert.False(plain.Headers.Contains("x-amzn-bedrock-cache-read-input-token-count"));
    }

    [Fact]
    public async Task MoreThanFourMarks_AreRefused()
    {
        var blocks = string.Join(",", Enumerable.Range(0, 5).Select(i => $$$"""{"type":"text","text":"b{{{i}}}","cache_control":{"type":"ephemeral"}}"""));
        var client = Us();
        client.SignedAt = _time.GetUtcNow().UtcDateTime;
        using var response = await client.InvokeAsync(Bodies.Claude3HaikuInPath,
            $$"""{"anthropic_version":"bedrock-2023-05-31","max_tokens":10,"system":[{{blocks}}],"messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("A maximum of 4 blocks with cache_control may be provided. Found 5.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Streams_ReportTheCacheInMessageStartAndInvocationMetrics()
    {
        var body = Body(["hi"]);
        await UsageAsync(Us(), body);
        var client = Us();
        client.SignedAt = _time.GetUtcNow().UtcDateTime;

        using var response = await client.InvokeStreamingAsync(Bodies.Claude3HaikuInPath, body);
        using var reader = new EventStreamReader(await response.Content.ReadAsStreamAsync());
        var events = (await reader.ReadAllAsync()).Select(EventStreamReader.ModelEvent).ToList();

        var start = events.First().GetProperty("message").GetProperty("usage");
        Assert.Equal(2001, start.GetProperty("cache_read_input_tokens").GetInt32());
        Assert.Equal(0, start.GetProperty("cache_creation_input_tokens").GetInt32());
        var metrics = events.Last().GetProperty("amazon-bedrock-invocationMetrics");
        Assert.Equal(2001, metrics.GetProperty("cacheReadInputTokenCount").GetInt32());
        Assert.Equal(0, metrics.GetProperty("cacheWriteInputTokenCount").GetInt32());
        Assert.Equal(start.GetProperty("input_tokens").GetInt32(), metrics.GetProperty("inputTokenCount").GetInt32());
    }
}
