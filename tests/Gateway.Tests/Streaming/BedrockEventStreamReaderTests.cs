using System.IO.Pipelines;
using System.Text;
using OrleansProxy.Gateway.Streaming;

namespace OrleansProxy.Gateway.Tests.Streaming;

public class BedrockEventStreamReaderTests
{
    private static readonly string[] Events =
    [
        """{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"usage":{"input_tokens":10,"output_tokens":1}}}""",
        """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""",
        """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Héllo \"wörld\" 🎉"}}""",
        """{"type":"content_block_stop","index":0}""",
        """{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":5}}""",
        """{"type":"message_stop","amazon-bedrock-invocationMetrics":{"inputTokenCount":10,"outputTokenCount":5,"invocationLatency":300,"firstByteLatency":100}}""",
    ];

    public static TheoryData<string> Slicings => new() { "whole", "one-byte", "odd-splits", "frame-and-a-bit" };

    [Theory]
    [MemberData(nameof(Slicings))]
    public async Task ReadAsync_AnySlicing_YieldsEveryChunkInOrder(string slicing)
    {
        var frames = Events.Select(e => EventStreamFrameBuilder.Chunk(e)).ToArray();
        var data = EventStreamFrameBuilder.Concat(frames);
        Func<int, int> slices = slicing switch
        {
            "whole" => _ => int.MaxValue,
            "one-byte" => _ => 1,
            "odd-splits" => read => new[] { 7, 13, 1, 250, 3, 64 }[read % 6],
            _ => _ => frames[0].Length + 5,
        };

        var received = await ReadAll(new SlicedStream(data, slices));

        Assert.Equal(Events, received.Select(AsText));
    }

    [Fact]
    public async Task ReadAsync_YieldsEachEventBeforeTheNextFrameArrives()
    {
        var pipe = new Pipe();
        await using var enumerator = BedrockEventStreamReader.ReadAsync(pipe.Reader.AsStream(), CancellationToken.None)
            .GetAsyncEnumerator();

        await pipe.Writer.WriteAsync(EventStreamFrameBuilder.Chunk(Events[0]));
        Assert.True(await enumerator.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(Events[0], AsText(enumerator.Current));

        var second = EventStreamFrameBuilder.Chunk(Events[1]);
        await pipe.Writer.WriteAsync(second.AsMemory(0, 10));
        var pending = enumerator.MoveNextAsync().AsTask();
        await pipe.Writer.WriteAsync(second.AsMemory(10));
        Assert.True(await pending.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(Events[1], AsText(enumerator.Current));

        await pipe.Writer.CompleteAsync();
        Assert.False(await enumerator.MoveNextAsync());
    }

    [Fact]
    public async Task ReadAsync_ExceptionFrame_YieldsBedrockError()
    {
        var data = EventStreamFrameBuilder.Concat(
            EventStreamFrameBuilder.Chunk(Events[0]),
            EventStreamFrameBuilder.Exception("throttlingException", "Too many tokens, please wait before trying again."));

        var received = await ReadAll(new SlicedStream(data, _ => 5));

        Assert.Equal(2, received.Count);
        Assert.Equal(BedrockStreamEventKind.Chunk, received[0].Kind);
        Assert.Equal(BedrockStreamEventKind.Exception, received[1].Kind);
        Assert.Equal("ThrottlingException", received[1].Error!.Type);
        Assert.Equal(429, received[1].Error!.StatusCode);
        Assert.Equal("Too many tokens, please wait before trying again.", received[1].Error!.Message);
    }

    [Fact]
    public async Task ReadAsync_GenericErrorFrame_YieldsBedrockError()
    {
        var frame = EventStreamFrameBuilder.Frame([],
            (":message-type", "error"), (":error-code", "InternalServerException"), (":error-message", "boom"));

        var received = await ReadAll(new SlicedStream(frame, _ => int.MaxValue));

        var only = Assert.Single(received);
        Assert.Equal(BedrockStreamEventKind.Exception, only.Kind);
        Assert.Equal("InternalServerException", only.Error!.Type);
        Assert.Equal("boom", only.Error!.Message);
    }

    [Fact]
    public async Task ReadAsync_UnknownEventType_IsSkipped()
    {
        var data = EventStreamFrameBuilder.Concat(
            EventStreamFrameBuilder.Frame("{}"u8.ToArray(), (":message-type", "event"), (":event-type", "initial-response")),
            EventStreamFrameBuilder.Chunk(Events[3]));

        var received = await ReadAll(new SlicedStream(data, _ => int.MaxValue));

        Assert.Equal([Events[3]], received.Select(AsText));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(int.MaxValue)]
    public async Task ReadAsync_CorruptedCrc_YieldsEarlierEventsThenCorrupt(int slice)
    {
        var second = EventStreamFrameBuilder.Chunk(Events[1]);
        second[second.Length - 20] ^= 0x20;
        var data = EventStreamFrameBuilder.Concat(EventStreamFrameBuilder.Chunk(Events[0]), second, EventStreamFrameBuilder.Chunk(Events[2]));

        var received = await ReadAll(new SlicedStream(data, _ => slice));

        Assert.Equal(2, received.Count);
        Assert.Equal(Events[0], AsText(received[0]));
        Assert.Equal(BedrockStreamEventKind.Corrupt, received[1].Kind);
        Assert.StartsWith("checksum mismatch", received[1].Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_CorruptedPreludeLength_YieldsCorrupt()
    {
        var frame = EventStreamFrameBuilder.Chunk(Events[0]);
        frame[1] = 0x7f;

        var received = await ReadAll(new SlicedStream(frame, _ => int.MaxValue));

        Assert.Equal(BedrockStreamEventKind.Corrupt, Assert.Single(received).Kind);
    }

    [Fact]
    public async Task ReadAsync_TruncatedFinalFrame_YieldsCorrupt()
    {
        var data = EventStreamFrameBuilder.Concat(EventStreamFrameBuilder.Chunk(Events[0]), EventStreamFrameBuilder.Chunk(Events[1]));
        var truncated = data.AsSpan(0, data.Length - 9).ToArray();

        var received = await ReadAll(new SlicedStream(truncated, _ => 100));

        Assert.Equal(2, received.Count);
        Assert.Equal(Events[0], AsText(received[0]));
        Assert.Equal(BedrockStreamEventKind.Corrupt, received[1].Kind);
        Assert.Contains("ended inside a frame", received[1].Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_EmptyBody_YieldsNothing()
    {
        Assert.Empty(await ReadAll(new SlicedStream([], _ => 1)));
    }

    [Theory]
    [InlineData("""{"bytes":"not base64!!","p":"x"}""")]
    [InlineData("""{"p":"x"}""")]
    [InlineData("""not json""")]
    public async Task ReadAsync_BadChunkPayload_YieldsCorrupt(string payload)
    {
        var frame = EventStreamFrameBuilder.Frame(Encoding.UTF8.GetBytes(payload),
            (":event-type", "chunk"), (":content-type", "application/json"), (":message-type", "event"));

        var received = await ReadAll(new SlicedStream(frame, _ => int.MaxValue));

        Assert.Equal(BedrockStreamEventKind.Corrupt, Assert.Single(received).Kind);
    }

    [Fact]
    public async Task ReadAsync_EscapedBase64_IsStillDecoded()
    {
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"a\":\"???>>>\"}")).Replace("/", "\\/", StringComparison.Ordinal);
        var frame = EventStreamFrameBuilder.Frame(Encoding.UTF8.GetBytes($$"""{"bytes":"{{base64}}"}"""),
            (":event-type", "chunk"), (":message-type", "event"));

        var received = await ReadAll(new SlicedStream(frame, _ => int.MaxValue));

        Assert.Equal("{\"a\":\"???>>>\"}", AsText(Assert.Single(received)));
    }

    private static async Task<List<BedrockStreamEvent>> ReadAll(Stream stream)
    {
        var events = new List<BedrockStreamEvent>();
        await foreach (var streamEvent in BedrockEventStreamReader.ReadAsync(stream, CancellationToken.None))
        {
            events.Add(streamEvent);
        }

        return events;
    }

    private static string AsText(BedrockStreamEvent streamEvent)
    {
        Assert.Equal(BedrockStreamEventKind.Chunk, streamEvent.Kind);
        return Encoding.UTF8.GetString(streamEvent.Chunk.Span);
    }
}
