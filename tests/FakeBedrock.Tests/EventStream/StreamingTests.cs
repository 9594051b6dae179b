using System.Net;
using System.Text.Json;
using Amazon.Runtime.EventStreams;
using OrleansProxy.Testing.FakeBedrock.Behaviour;
using OrleansProxy.Testing.FakeBedrock.Recording;
using OrleansProxy.Testing.FakeBedrock.Tests.TestSupport;

namespace OrleansProxy.Testing.FakeBedrock.Tests.EventStream;

/// <summary>invoke-with-response-stream, decoded with AWSSDK.Core's event-stream decoder.</summary>
public sealed class StreamingTests : FakeBedrockTest
{
    private const string Reply = "Fake Bedrock reply to: Stream me something";

    [Fact]
    public async Task Stream_MessagesModel_ValidAnthropicStreamCarryingTheReply()
    {
        using var response = await Us().InvokeStreamingAsync(Bodies.Claude3HaikuInPath, Bodies.Messages("Stream me something"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.amazon.eventstream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("application/json", Assert.Single(response.Headers.GetValues("x-amzn-bedrock-content-type")));
        var frames = await ReadFramesAsync(response);
        Assert.All(frames, AssertChunkFrame);
        var events = frames.Select(EventStreamReader.ModelEvent).ToList();
        var types = events.Select(e => e.GetProperty("type").GetString()).ToList();
        var words = Reply.Split(' ').Length;
        Assert.Equal(
            ["message_start", "content_block_start", .. Enumerable.Repeat("content_block_delta", words), "content_block_stop", "message_delta", "message_stop"],
            types);

        var start = events[0].GetProperty("message");
        Assert.Equal("claude-3-haiku-20240307", start.GetProperty("model").GetString());
        Assert.Equal(5, start.GetProperty("usage").GetProperty("input_tokens").GetInt32());
        Assert.Equal(0, events[1].GetProperty("index").GetInt32());
        Assert.Equal("text", events[1].GetProperty("content_block").GetProperty("type").GetString());
        var deltas = events.Where(e => e.GetProperty("type").GetString() == "content_block_delta").ToList();
        Assert.All(deltas, d => Assert.Equal("text_delta", d.GetProperty("delta").GetProperty("type").GetString()));
        Assert.Equal(Reply, string.Concat(deltas.Select(d => d.GetProperty("delta").GetProperty("text").GetString())));
        Assert.Equal("end_turn", events[^2].GetProperty("delta").GetProperty("stop_reason").GetString());
        Assert.Equal(words, events[^2].GetProperty("usage").GetProperty("output_tokens").GetInt32());
        var metrics = events[^1].GetProperty("amazon-bedrock-invocationMetrics");
        Assert.Equal(5, metrics.GetProperty("inputTokenCount").GetInt32());
        Assert.Equal(words, metrics.GetProperty("outputTokenCount").GetInt32());
        Assert.True(metrics.GetProperty("invocationLatency").GetInt64() >= metrics.GetProperty("firstByteLatency").GetInt64());

        var recorded = Assert.Single(Server.Requests);
        Assert.Equal(FakeOperation.InvokeStream, recorded.Operation);
        Assert.Equal((200, 5, words), (recorded.StatusCode, recorded.InputTokens, recorded.OutputTokens));
    }

    [Fact]
    public async Task Stream_TextCompletionsBody_CompletionDeltasThenStopWithMetrics()
    {
        using var response = await Us().InvokeStreamingAsync("anthropic.claude-v2%3A1", Bodies.TextCompletion("Stream me something"));

        var events = (await ReadFramesAsync(response)).Select(EventStreamReader.ModelEvent).ToList();

        Assert.Equal(Reply, string.Concat(events.Select(e => e.GetProperty("completion").GetString())));
        Assert.All(events[..^1], e => Assert.Equal(JsonValueKind.Null, e.GetProperty("stop_reason").ValueKind));
        Assert.Equal("stop_sequence", events[^1].GetProperty("stop_reason").GetString());
        Assert.Equal(Reply.Split(' ').Length, events[^1].GetProperty("amazon-bedrock-invocationMetrics").GetProperty("outputTokenCount").GetInt32());
    }

    [Fact]
    public async Task Stream_StreamChunksSet_ThatManyDeltas()
    {
        Server.Credential(UsKey).StreamChunks = 3;

        using var response = await Us().InvokeStreamingAsync(Bodies.Claude3HaikuInPath, Bodies.Messages("Stream me something"));

        var deltas = (await ReadFramesAsync(response)).Select(EventStreamReader.ModelEvent)
            .Where(e => e.GetProperty("type").GetString() == "content_block_delta")
            .Select(e => e.GetProperty("delta").GetProperty("text").GetString())
            .ToList();
        Assert.Equal(3, deltas.Count);
        Assert.Equal(Reply, string.Concat(deltas));
    }

    [Fact]
    public async Task Stream_MidStreamException_ExceptionFrameAfterTheChunksThenEnd()
    {
        Server.Credential(UsKey).MidStreamException = new FakeMidStreamException("throttlingException", AfterChunks: 2);

        using var response = await Us().InvokeStreamingAsync(Bodies.Claude3HaikuInPath, Bodies.Messages("Stream me something"));

        var frames = await ReadFramesAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(5, frames.Count);
        Assert.All(frames[..^1], AssertChunkFrame);
        var exception = frames[^1];
        Assert.Equal("exception", EventStreamReader.Header(exception, ":message-type"));
        Assert.Equal("throttlingException", EventStreamReader.Header(exception, ":exception-type"));
        Assert.Equal("application/json", EventStreamReader.Header(exception, ":content-type"));
        Assert.Equal("Too many requests, please wait before trying again.",
            JsonDocument.Parse(exception.Payload).RootElement.GetProperty("message").GetString());
        Assert.Equal("throttlingException", Assert.Single(Server.Requests).ErrorType);
    }

    [Fact]
    public async Task Stream_CutNext_HalfTheChunksThenTheConnectionCloses()
    {
        var account = Server.Credential(UsKey);
        account.StreamChunks = 4;
        account.CutNext(1);

        using var response = await Us().InvokeStreamingAsync(Bodies.Claude3HaikuInPath, Bodies.Messages("Stream me something"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var frames = new List<EventStreamMessage>();
        using var reader = new EventStreamReader(await response.Content.ReadAsStreamAsync());

        var broke = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            while (await reader.NextAsync() is { } frame)
            {
                frames.Add(frame);
            }
        });

        Assert.True(broke is IOException or HttpRequestException, broke.ToString());

        // message_start, content_block_start and two of the four text deltas; never a terminal event.
        Assert.Equal(4, frames.Count);
        Assert.All(frames, AssertChunkFrame);
        Assert.Equal("ConnectionCut", Assert.Single(Server.Requests).ErrorType);
    }

    [Fact]
    public async Task Stream_ChunkPayload_CarriesPadding()
    {
        using var response = await Us().InvokeStreamingAsync(Bodies.Claude3HaikuInPath, Bodies.Messages());

        var frames = await ReadFramesAsync(response);

        Assert.All(frames, frame =>
        {
            var payload = JsonDocument.Parse(frame.Payload).RootElement;
            Assert.Equal(["bytes", "p"], payload.EnumerateObject().Select(p => p.Name));
            Assert.NotEmpty(payload.GetProperty("p").GetString()!);
        });
    }

    [Fact]
    public async Task Stream_ValidationError_PlainJsonErrorBeforeAnyFrame()
    {
        using var response = await Us().InvokeStreamingAsync(Bodies.Claude3HaikuInPath, Bodies.Probe());

        await AwsErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "ValidationException",
            "Malformed input request: #/max_tokens: -1 is not greater or equal to 1, please reformat your input and try again.");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    private static void AssertChunkFrame(EventStreamMessage frame)
    {
        Assert.Equal("event", EventStreamReader.Header(frame, ":message-type"));
        Assert.Equal("chunk", EventStreamReader.Header(frame, ":event-type"));
        Assert.Equal("application/json", EventStreamReader.Header(frame, ":content-type"));
    }

    private static async Task<List<EventStreamMessage>> ReadFramesAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new EventStreamReader(await response.Content.ReadAsStreamAsync());
        var frames = await reader.ReadAllAsync();
        Assert.NotEmpty(frames);
        return frames;
    }
}
