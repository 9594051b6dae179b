using System.Buffers;
using System.Text;
using OrleansProxy.Gateway.Errors;
using OrleansProxy.Gateway.Streaming;

namespace OrleansProxy.Gateway.Tests.Streaming;

/// <summary>Event-stream bytes → reader → translator, the way the gateway will chain them.</summary>
public class EndToEndStreamTests
{
    [Fact]
    public async Task EventStreamIntoOpenAiTranslator_ProducesTheSameTextAsDirectEvents()
    {
        var data = EventStreamFrameBuilder.Concat(StreamSamples.TextAnswer.Select(e => EventStreamFrameBuilder.Chunk(e)).ToArray());
        var translator = StreamTranslatorFactory.OpenAi(includeUsage: true);
        var output = new ArrayBufferWriter<byte>();

        await foreach (var streamEvent in BedrockEventStreamReader.ReadAsync(new SlicedStream(data, _ => 3), CancellationToken.None))
        {
            Assert.Equal(BedrockStreamEventKind.Chunk, streamEvent.Kind);
            translator.OnEvent(streamEvent.Chunk.Span, output);
        }

        translator.OnEnd(output);

        Assert.Equal(StreamSamples.Run(StreamTranslatorFactory.OpenAi(includeUsage: true), StreamSamples.TextAnswer),
            Encoding.UTF8.GetString(output.WrittenSpan));
        Assert.Equal(new StreamUsage(25, 12, "end_turn", true), translator.Usage);
    }

    [Fact]
    public async Task ExceptionFrameMidStream_BecomesAnthropicErrorEvent()
    {
        var data = EventStreamFrameBuilder.Concat(
            EventStreamFrameBuilder.Chunk(StreamSamples.MessageStart),
            EventStreamFrameBuilder.Exception("modelStreamErrorException", "The model stopped unexpectedly."));
        var translator = StreamTranslatorFactory.Messages();
        var output = new ArrayBufferWriter<byte>();

        await foreach (var streamEvent in BedrockEventStreamReader.ReadAsync(new SlicedStream(data, _ => 64), CancellationToken.None))
        {
            if (streamEvent.Kind == BedrockStreamEventKind.Chunk)
            {
                translator.OnEvent(streamEvent.Chunk.Span, output);
            }
            else
            {
                translator.OnError(BedrockErrorMapping.FromBedrock(streamEvent.Error!), output);
            }
        }

        Assert.Equal(
            "event: message_start\ndata: " + StreamSamples.MessageStart + "\n\n" +
            "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"The model stopped unexpectedly.\"}}\n\n",
            Encoding.UTF8.GetString(output.WrittenSpan));
        Assert.False(translator.Usage.SawTerminalEvent);
    }

    [Fact]
    public void KeepAlive_IsAnSseComment()
    {
        var output = new ArrayBufferWriter<byte>();

        SseComments.WriteKeepAlive(output);

        Assert.Equal(": keep-alive\n\n", Encoding.UTF8.GetString(output.WrittenSpan));
        Assert.Equal(": keep-alive\n\n"u8.ToArray(), SseComments.KeepAlive.ToArray());
    }
}
