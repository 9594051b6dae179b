using System.Net;
using Microsoft.Extensions.Time.Testing;
using OrleansProxy.Testing.FakeBedrock.Tests.TestSupport;

namespace OrleansProxy.Testing.FakeBedrock.Tests.EventStream;

/// <summary>
/// Delays run on the fake's clock, so with a <see cref="FakeTimeProvider"/> a test holds a stream
/// between two frames for as long as it likes: that proves frames are flushed one by one and lets
/// a client walk away mid-stream, with no sleeping.
/// </summary>
public sealed class StreamTimingTests : FakeBedrockTest
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    protected override FakeBedrockOptions Options => new() { Time = _time };

    [Fact]
    public async Task Stream_HeldBetweenFrames_FirstFrameAlreadyDelivered()
    {
        Server.Credential(UsKey).StreamChunkDelay = TimeSpan.FromSeconds(1);
        using var response = await Client().InvokeStreamingAsync(Bodies.Claude3HaikuInPath, Bodies.Messages());
        using var reader = new EventStreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var first = await reader.NextAsync(timeout.Token);

        // The fake is parked on its clock before frame two; only flushing could have delivered frame one.
        Assert.Equal("message_start", EventStreamReader.ModelEvent(first!).GetProperty("type").GetString());
        Assert.Equal(1, Server.OpenRequests);
        Assert.Null(Assert.Single(Server.Requests).CompletedAt);
    }

    [Fact]
    public async Task Stream_ClientCancelsMidStream_RecordedAsAbortedAndNoLongerOpen()
    {
        Server.Credential(UsKey).StreamChunkDelay = TimeSpan.FromSeconds(1);
        using var response = await Client().InvokeStreamingAsync(Bodies.Claude3HaikuInPath, Bodies.Messages());
        using var reader = new EventStreamReader(await response.Content.ReadAsStreamAsync());
        using var walkAway = new CancellationTokenSource();
        Assert.NotNull(await reader.NextAsync(walkAway.Token));

        var second = reader.NextAsync(walkAway.Token);
        await walkAway.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        await Server.WaitForNoOpenRequestsAsync(TimeSpan.FromSeconds(10));

        var recorded = Assert.Single(Server.Requests);
        Assert.True(recorded.ClientAborted);
        Assert.NotNull(recorded.CompletedAt);
        Assert.Equal(0, Server.OpenRequests);
    }

    [Fact]
    public async Task Latency_TenSeconds_NoAnswerBeforeTheClockMovesThatFar()
    {
        Server.Credential(UsKey).Latency = TimeSpan.FromSeconds(10);

        var call = Client().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages());
        var advanced = TimeSpan.Zero;
        while (!call.IsCompleted)
        {
            // Step the fake clock until the answer comes; the delay cannot end before 10 s have passed on it.
            await Task.WhenAny(call, Task.Delay(20));
            if (!call.IsCompleted)
            {
                _time.Advance(TimeSpan.FromSeconds(1));
                advanced += TimeSpan.FromSeconds(1);
            }
        }

        using var response = await call;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(advanced >= TimeSpan.FromSeconds(10), $"answered after {advanced}");
        var recorded = Assert.Single(Server.Requests);
        Assert.True(recorded.CompletedAt - recorded.StartedAt >= TimeSpan.FromSeconds(10));
    }

    private BedrockClient Client()
    {
        var client = Us();
        client.SignedAt = _time.GetUtcNow().UtcDateTime;
        return client;
    }
}
