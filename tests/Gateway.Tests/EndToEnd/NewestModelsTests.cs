using OrleansProxy.Testing.FakeBedrock.Recording;

namespace OrleansProxy.Gateway.Tests.EndToEnd;

/// <summary>
/// The models Claude Code asks for by default (<c>claude-opus-5-5</c> and its siblings) are profile-only on Bedrock:
/// the proxy must reach them through the credential's geography's profile, plain and streamed.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class NewestModelsTests(GatewayFixture fixture) : IAsyncLifetime
{
    private const string Reply = "Answered by the newest model.";

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        fixture.Bedrock.ReplyText = _ => Reply;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("claude-opus-5-5", "anthropic.claude-opus-5-5")]
    [InlineData("claude-sonnet-5-5", "anthropic.claude-sonnet-5-5")]
    [InlineData("claude-haiku-5-5", "anthropic.claude-haiku-5-5")]
    public async Task Messages_ClaudeCodeModel_GoesThroughTheUsProfile(string model, string baseId)
    {
        var (status, body) = await Http.PostJsonAsync(fixture.CreateClient(), "/proxy/aws/claude/v1/messages",
            $$"""{"model":"{{model}}","max_tokens":20,"messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(200, status);
        Assert.Equal(Reply, body.RootElement.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal(model, body.RootElement.GetProperty("model").GetString());
        var sent = fixture.Bedrock.Requests.Single(r => r.Operation == FakeOperation.Invoke);
        Assert.Equal("us." + baseId, sent.ModelId);
    }

    [Fact]
    public async Task Messages_ClaudeCodeDefaultModel_Streams()
    {
        var (status, _, events) = await Http.PostSseAsync(fixture.CreateClient(), "/proxy/aws/claude/v1/messages",
            """{"model":"claude-opus-5-5","max_tokens":20,"stream":true,"messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(200, status);
        Assert.Equal("message_stop", events[^1].Event);
        var sent = fixture.Bedrock.Requests.Single(r => r.Operation == FakeOperation.InvokeStream);
        Assert.Equal("us.anthropic.claude-opus-5-5", sent.ModelId);
    }
}
