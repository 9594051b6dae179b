using System.Buffers;
using System.Text;
using OrleansProxy.Gateway.Errors;
using OrleansProxy.Gateway.Streaming;

namespace OrleansProxy.Gateway.Tests.Streaming;

public class AnthropicMessagesStreamTranslatorTests
{
    [Fact]
    public void TextAnswer_ForwardsEveryEventAndDropsInvocationMetrics()
    {
        var translator = StreamTranslatorFactory.Messages();

        var sse = StreamSamples.Run(translator, StreamSamples.TextAnswer);

        Assert.Equal(
            "event: message_start\ndata: " + StreamSamples.MessageStart + "\n\n" +
            "event: content_block_start\ndata: " + StreamSamples.TextBlockStart + "\n\n" +
            "event: content_block_delta\ndata: " + StreamSamples.TextDelta1 + "\n\n" +
            "event: content_block_delta\ndata: " + StreamSamples.TextDelta2 + "\n\n" +
            "event: content_block_stop\ndata: " + StreamSamples.TextBlockStop + "\n\n" +
            "event: message_delta\ndata: " + StreamSamples.MessageDelta + "\n\n" +
            "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n",
            sse);
        Assert.Equal(new StreamUsage(25, 12, "end_turn", true), translator.Usage);
    }

    [Theory]
    [InlineData("""{"type":"message_stop","amazon-bedrock-invocationMetrics":{"inputTokenCount":1}}""", """{"type":"message_stop"}""")]
    [InlineData("""{"amazon-bedrock-invocationMetrics":{"inputTokenCount":1},"type":"message_stop"}""", """{"type":"message_stop"}""")]
    [InlineData("""{ "amazon-bedrock-invocationMetrics" : {"inputTokenCount":1} , "type":"message_stop" }""", """{  "type":"message_stop" }""")]
    [InlineData("""{"type":"message_stop", "amazon-bedrock-invocationMetrics": {"inputTokenCount":1}, "x":1}""", """{"type":"message_stop", "x":1}""")]
    public void InvocationMetrics_AreCutWherever_TheKeySits(string modelEvent, string forwarded)
    {
        var sse = StreamSamples.Run(StreamTranslatorFactory.Messages(), [modelEvent], end: false);

        Assert.Equal("event: message_stop\ndata: " + forwarded + "\n\n", sse);
    }

    [Fact]
    public void Usage_PrefersInvocationMetricsOverEventUsage()
    {
        var translator = StreamTranslatorFactory.Messages();

        StreamSamples.Run(translator, [StreamSamples.MessageStart, StreamSamples.MessageDelta,
            """{"type":"message_stop","amazon-bedrock-invocationMetrics":{"inputTokenCount":30,"outputTokenCount":13}}"""]);

        Assert.Equal(new StreamUsage(30, 13, "end_turn", true), translator.Usage);
    }

    [Fact]
    public void Usage_WithoutMetrics_ComesFromMessageStartAndMessageDelta()
    {
        var translator = StreamTranslatorFactory.Messages();

        StreamSamples.Run(translator, [StreamSamples.MessageStart, StreamSamples.TextDelta1, StreamSamples.MessageDelta]);

        Assert.Equal(new StreamUsage(25, 12, "end_turn", false), translator.Usage);
    }

    [Fact]
    public void PingAndUnknownEvents_AreForwarded()
    {
        var sse = StreamSamples.Run(StreamTranslatorFactory.Messages(),
            ["""{"type":"ping"}""", """{"type":"future_event","x":[1]}"""]);

        Assert.Equal("event: ping\ndata: {\"type\":\"ping\"}\n\nevent: future_event\ndata: {\"type\":\"future_event\",\"x\":[1]}\n\n", sse);
    }

    [Fact]
    public void MidStreamError_WritesAnthropicErrorEventAndStops()
    {
        var translator = StreamTranslatorFactory.Messages();
        var output = new ArrayBufferWriter<byte>();
        translator.OnEvent(Encoding.UTF8.GetBytes(StreamSamples.MessageStart), output);
        output.ResetWrittenCount();

        translator.OnError(new ProxyError(529, "overloaded_error", "Overloaded"), output);
        translator.OnEvent(Encoding.UTF8.GetBytes(StreamSamples.TextDelta1), output);
        translator.OnEnd(output);

        Assert.Equal("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n",
            Encoding.UTF8.GetString(output.WrittenSpan));
        Assert.False(translator.Usage.SawTerminalEvent);
    }

    [Fact]
    public void UnreadableEvent_BecomesApiErrorEvent()
    {
        var sse = StreamSamples.Run(StreamTranslatorFactory.Messages(), ["[not an object]", StreamSamples.TextDelta1]);

        Assert.Equal("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Bedrock sent a stream event the proxy could not read.\"}}\n\n", sse);
    }
}
