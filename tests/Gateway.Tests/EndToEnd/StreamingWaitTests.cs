using OrleansProxy.Testing.FakeBedrock.Behaviour;

namespace OrleansProxy.Gateway.Tests.EndToEnd;

/// <summary>A streaming client that has to wait for a credential gets SSE comment heartbeats, then its answer or an error event.</summary>
[Collection(GatewayCollection.Name)]
public sealed class StreamingWaitTests(GatewayFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task StreamingClient_WaitingForACredential_GetsHeartbeatsThenARateLimitErrorEvent()
    {
        foreach (var key in fixture.Keys)
        {
            fixture.Bedrock.Credential(key.AccessKeyId).ThrottleAlways = true;
        }

        var (status, contentType, events) = await Http.PostSseAsync(fixture.CreateClient(), "/proxy/aws/claude/v1/messages",
            """{"model":"claude-3-haiku-20240307","max_tokens":10,"stream":true,"messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(200, status);
        Assert.Equal("text/event-stream", contentType);
        Assert.Contains(events, e => e.Event == ":" && e.Data == ": keep-alive");
        Assert.Equal("error", events[^1].Event);
        Assert.Contains("rate_limit_error", events[^1].Data, StringComparison.Ordinal);
    }
}
