using System.Buffers;
using System.Text;
using OrleansProxy.Gateway.Errors;
using OrleansProxy.Gateway.Streaming;

namespace OrleansProxy.Gateway.Tests.Streaming;

public class CompletionStreamTranslatorTests
{
    [Fact]
    public void LegacyChunks_BecomeAnthropicCompletionEvents()
    {
        var translator = StreamTranslatorFactory.LegacyCompletion();

        var sse = StreamSamples.Run(translator, StreamSamples.LegacyAnswer);

        Assert.Equal(
            "event: completion\ndata: {\"type\":\"completion\",\"completion\":\" Hello\",\"stop_reason\":null,\"model\":\"claude-2.1\",\"stop\":null,\"log_id\":\"req-1\"}\n\n" +
            "event: completion\ndata: {\"type\":\"completion\",\"completion\":\" \\\"there\\\"\",\"stop_reason\":null,\"model\":\"claude-2.1\",\"stop\":null,\"log_id\":\"req-1\"}\n\n" +
            "event: completion\ndata: {\"type\":\"completion\",\"completion\":\"\",\"stop_reason\":\"stop_sequence\",\"model\":\"claude-2.1\",\"stop\":\"\\n\\nHuman:\",\"log_id\":\"req-1\"}\n\n",
            sse);
        Assert.Equal(new StreamUsage(9, 3, "stop_sequence", true), translator.Usage);
    }

    [Fact]
    public void LegacyChunks_CutShort_AreNotTerminal()
    {
        var translator = StreamTranslatorFactory.LegacyCompletion();

        StreamSamples.Run(translator, StreamSamples.LegacyAnswer[..2]);

        Assert.Equal(new StreamUsage(0, 0, null, false), translator.Usage);
    }

    [Fact]
    public void MessagesEvents_BecomeCompletionEventsForClaude3()
    {
        var translator = StreamTranslatorFactory.CompletionFromMessages();

        var sse = StreamSamples.Run(translator, StreamSamples.TextAnswer);

        Assert.Equal(
            "event: completion\ndata: {\"type\":\"completion\",\"completion\":\"Hello\",\"stop_reason\":null,\"model\":\"claude-3-haiku\",\"stop\":null,\"log_id\":\"req-1\"}\n\n" +
            "event: completion\ndata: {\"type\":\"completion\",\"completion\":\" \\\"wörld\\\"\\n\",\"stop_reason\":null,\"model\":\"claude-3-haiku\",\"stop\":null,\"log_id\":\"req-1\"}\n\n" +
            "event: completion\ndata: {\"type\":\"completion\",\"completion\":\"\",\"stop_reason\":\"stop_sequence\",\"model\":\"claude-3-haiku\",\"stop\":null,\"log_id\":\"req-1\"}\n\n",
            sse);
        Assert.Equal(new StreamUsage(25, 12, "end_turn", true), translator.Usage);
    }

    [Fact]
    public void MessagesEvents_MaxTokensAndStopSequence_MapToLegacyValues()
    {
        var sse = StreamSamples.Run(StreamTranslatorFactory.CompletionFromMessages(),
        [
            """{"type":"message_delta","delta":{"stop_reason":"max_tokens","stop_sequence":null},"usage":{"output_tokens":100}}""",
            """{"type":"message_delta","delta":{"stop_reason":"stop_sequence","stop_sequence":"END"},"usage":{"output_tokens":100}}""",
        ]);

        Assert.Equal(
            "event: completion\ndata: {\"type\":\"completion\",\"completion\":\"\",\"stop_reason\":\"max_tokens\",\"model\":\"claude-3-haiku\",\"stop\":null,\"log_id\":\"req-1\"}\n\n" +
            "event: completion\ndata: {\"type\":\"completion\",\"completion\":\"\",\"stop_reason\":\"stop_sequence\",\"model\":\"claude-3-haiku\",\"stop\":\"END\",\"log_id\":\"req-1\"}\n\n",
            sse);
    }

    [Fact]
    public void MidStreamError_WritesAnthropicErrorEvent()
    {
        var translator = StreamTranslatorFactory.LegacyCompletion();
        var output = new ArrayBufferWriter<byte>();

        translator.OnError(new ProxyError(429, "rate_limit_error", "Too many tokens"), output);
        translator.OnEnd(output);

        Assert.Equal("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Too many tokens\"}}\n\n",
            Encoding.UTF8.GetString(output.WrittenSpan));
    }
}
