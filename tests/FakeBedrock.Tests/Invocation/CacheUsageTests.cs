using System.Net;
using System.Text.Json;
using OrleansProxy.Testing.FakeBedrock.Behaviour;
using OrleansProxy.Testing.FakeBedrock.Tests.TestSupport;

namespace OrleansProxy.Testing.FakeBedrock.Tests.Invocation;

/// <summary>Configured prompt-cache counts appear wherever Bedrock reports cache usage.</summary>
public sealed class CacheUsageTests : FakeBedrockTest
{
    [Fact]
    public async Task Invoke_ConfiguredCacheUsage_InUsageAndHeaders()
    {
        Server.Credential(UsKey).CacheUsage = new FakeCacheUsage(ReadTokens: 9000, WriteTokens: 1200);

        using var response = await Us().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages("Tell me a joke about fakes"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var usage = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("usage");
        Assert.Equal(7, usage.GetProperty("input_tokens").GetInt32());
        Assert.Equal(9000, usage.GetProperty("cache_read_input_tokens").GetInt32());
        Assert.Equal(1200, usage.GetProperty("cache_creation_input_tokens").GetInt32());
        Assert.Equal("9000", Assert.Single(response.Headers.GetValues("x-amzn-bedrock-cache-read-input-token-count")));
        Assert.Equal("1200", Assert.Single(response.Headers.GetValues("x-amzn-bedrock-cache-write-input-token-count")));
    }

    [Fact]
    public async Task Invoke_NoCacheUsage_ReportsNoCacheFields()
    {
        using var response = await Us().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages());

        var usage = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("usage");
        Assert.False(usage.TryGetProperty("cache_read_input_tokens", out _));
        Assert.False(response.Headers.Contains("x-amzn-bedrock-cache-read-input-token-count"));
    }

    [Fact]
    public async Task Stream_ConfiguredCacheUsage_InMessageStartAndInvocationMetrics()
    {
        Server.Credential(UsKey).CacheUsage = new FakeCacheUsage(ReadTokens: 500, WriteTokens: 40);

        using var response = await Us().InvokeStreamingAsync(Bodies.Claude3HaikuInPath, Bodies.Messages("Stream me something"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new EventStreamReader(await response.Content.ReadAsStreamAsync());
        var events = (await reader.ReadAllAsync()).Select(EventStreamReader.ModelEvent).ToList();
        var start = events[0].GetProperty("message").GetProperty("usage");
        Assert.Equal(500, start.GetProperty("cache_read_input_tokens").GetInt32());
        Assert.Equal(40, start.GetProperty("cache_creation_input_tokens").GetInt32());
        var metrics = events[^1].GetProperty("amazon-bedrock-invocationMetrics");
        Assert.Equal(500, metrics.GetProperty("cacheReadInputTokenCount").GetInt32());
        Assert.Equal(40, metrics.GetProperty("cacheWriteInputTokenCount").GetInt32());
    }
}
