using System.Text;
using OrleansProxy.Gateway.Streaming;
using OrleansProxy.Gateway.Tests.Streaming;
using OrleansProxy.Gateway.Tests.Translation;
using OrleansProxy.Gateway.Translation;
using OrleansProxy.Usage;

namespace OrleansProxy.Gateway.Tests.Usage;

/// <summary>Cache reads and writes are read from every place Bedrock reports them, and each is counted once.</summary>
public sealed class CacheUsageTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);

    private const string CachedStart =
        """{"type":"message_start","message":{"id":"msg_bdrk_01","type":"message","role":"assistant","content":[],"stop_reason":null,"usage":{"input_tokens":25,"cache_creation_input_tokens":1200,"cache_read_input_tokens":9000,"output_tokens":1}}}""";

    // Newer models repeat the input and cache counts in message_delta: totals, not increments.
    private const string CachedDelta =
        """{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":25,"cache_creation_input_tokens":1200,"cache_read_input_tokens":9000,"output_tokens":12}}""";

    [Fact]
    public void Stream_CacheCountsFromMessageStartAndDelta_AreCountedOnce()
    {
        var translator = StreamTranslatorFactory.Messages();

        StreamSamples.Run(translator, [CachedStart, StreamSamples.TextDelta1, CachedDelta, """{"type":"message_stop"}"""]);

        Assert.Equal(new TokenUsage(25, 12, CacheRead: 9000, CacheWrite5m: 1200), translator.Usage.Tokens);
    }

    [Fact]
    public void Stream_InvocationMetricsCacheCounts_WinOverEventUsage()
    {
        var translator = StreamTranslatorFactory.Messages();

        StreamSamples.Run(translator, [CachedStart, CachedDelta,
            """{"type":"message_stop","amazon-bedrock-invocationMetrics":{"inputTokenCount":25,"outputTokenCount":12,"cacheReadInputTokenCount":9100,"cacheWriteInputTokenCount":1100,"invocationLatency":845,"firstByteLatency":301}}"""]);

        Assert.Equal(new TokenUsage(25, 12, CacheRead: 9100, CacheWrite5m: 1100), translator.Usage.Tokens);
    }

    [Fact]
    public void Stream_OneHourWrites_AreSplitFromCacheCreation()
    {
        var translator = StreamTranslatorFactory.Messages();

        StreamSamples.Run(translator, [
            """{"type":"message_start","message":{"usage":{"input_tokens":5,"cache_creation_input_tokens":1000,"cache_creation":{"ephemeral_5m_input_tokens":400,"ephemeral_1h_input_tokens":600},"cache_read_input_tokens":0,"output_tokens":1}}}""",
            StreamSamples.MessageDelta,
            """{"type":"message_stop","amazon-bedrock-invocationMetrics":{"inputTokenCount":5,"outputTokenCount":12,"cacheReadInputTokenCount":0,"cacheWriteInputTokenCount":1000}}"""]);

        Assert.Equal(new TokenUsage(5, 12, CacheRead: 0, CacheWrite5m: 400, CacheWrite1h: 600), translator.Usage.Tokens);
    }

    [Fact]
    public void Stream_WithoutCacheFields_HasNoCacheTokens()
    {
        var translator = StreamTranslatorFactory.Messages();

        StreamSamples.Run(translator, StreamSamples.TextAnswer);

        Assert.Equal(new TokenUsage(25, 12), translator.Usage.Tokens);
    }

    [Fact]
    public void PlainAnswer_CacheCountsFromUsage_IncludingTheOneHourSplit()
    {
        var request = Requests.Ok(ClientDialect.AnthropicMessages, """{"model":"claude-sonnet-4-5","max_tokens":10,"messages":[{"role":"user","content":"Hi"}]}""");
        const string answer =
            """{"id":"msg_bdrk_01","type":"message","role":"assistant","content":[{"type":"text","text":"Hi"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":12,"cache_creation_input_tokens":300,"cache_creation":{"ephemeral_5m_input_tokens":100,"ephemeral_1h_input_tokens":200},"cache_read_input_tokens":4000,"output_tokens":7}}""";

        var response = ResponseTranslator.Translate(request, Encoding.UTF8.GetBytes(answer), "req-1", Now);

        Assert.Equal(new TokenUsage(12, 7, CacheRead: 4000, CacheWrite5m: 100, CacheWrite1h: 200), response.Tokens);
        Assert.Equal(12, response.InputTokens);
    }

    [Fact]
    public void PlainAnswer_OpenAiClient_StillReadsCacheCounts()
    {
        var request = Requests.Ok(ClientDialect.OpenAiChat, """{"model":"claude-sonnet-4-5","max_tokens":10,"messages":[{"role":"user","content":"Hi"}]}""");
        const string answer =
            """{"id":"msg_bdrk_01","type":"message","role":"assistant","content":[{"type":"text","text":"Hi"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":12,"cache_creation_input_tokens":300,"cache_read_input_tokens":4000,"output_tokens":7}}""";

        var response = ResponseTranslator.Translate(request, Encoding.UTF8.GetBytes(answer), "req-1", Now);

        Assert.Equal(new TokenUsage(12, 7, CacheRead: 4000, CacheWrite5m: 300), response.Tokens);
    }
}
