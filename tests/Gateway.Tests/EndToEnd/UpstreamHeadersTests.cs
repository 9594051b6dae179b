using OrleansProxy.Testing.FakeBedrock.Recording;

namespace OrleansProxy.Gateway.Tests.EndToEnd;

/// <summary>What reaches Bedrock besides the body: the signed headers and HTTP's own, nothing of the client's.</summary>
[Collection(GatewayCollection.Name)]
public sealed class UpstreamHeadersTests(GatewayFixture fixture) : IAsyncLifetime
{
    private static readonly string[] Expected =
        ["accept", "authorization", "content-length", "content-type", "host", "x-amz-content-sha256", "x-amz-date"];

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Upstream_GetsOnlySignedAndTransportHeaders_NotTheClientsOrTraceContext(bool stream)
    {
        using var client = fixture.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/proxy/aws/claude/v1/messages")
        {
            Content = new StringContent(
                $$"""{"model":"claude-3-haiku-20240307","max_tokens":20,"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"Hi"}]}""",
                System.Text.Encoding.UTF8, "application/json"),
        };
        // A client inside a distributed trace: the gateway's request activity gets this parent.
        request.Headers.Add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        request.Headers.Add("anthropic-version", "2023-06-01");
        request.Headers.Add("x-client-note", "must stay with the proxy");
        request.Headers.Add("cookie", "session=abc");

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);

        Assert.Equal(200, (int)response.StatusCode);
        var sent = fixture.Bedrock.Requests.Single(r => r.Operation is FakeOperation.Invoke or FakeOperation.InvokeStream);
        Assert.Equal(string.Join(", ", Expected), string.Join(", ", sent.HeaderNames));
    }
}
