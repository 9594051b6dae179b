using Anthropic;
using Anthropic.Core;
using Anthropic.Models.Messages;
using OrleansProxy.Testing.FakeBedrock.Recording;

namespace OrleansProxy.Gateway.Tests.EndToEnd;

/// <summary>The official Anthropic .NET SDK as the client, against the in-process gateway and the fake Bedrock.</summary>
[Collection(GatewayCollection.Name)]
public sealed class AnthropicSdkTests(GatewayFixture fixture) : IAsyncLifetime
{
    private const string Reply = "Ahoy from the fake Bedrock: seven words exactly here.";

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        fixture.Bedrock.ReplyText = _ => Reply;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private AnthropicClient Client(bool bearer) => new(new ClientOptions
    {
        BaseUrl = new Uri(fixture.Factory.Server.BaseAddress, "/proxy/aws/claude").ToString(),
        HttpClient = fixture.Factory.CreateClient(),
        MaxRetries = 0,
        ApiKey = bearer ? GatewayFixture.ProxyKey : null,
        ExtraHeaders = bearer ? [] : new Dictionary<string, string> { ["x-api-key"] = GatewayFixture.ProxyKey },
    });

    private static MessageCreateParams Params(string model) => new()
    {
        Model = model,
        MaxTokens = 64,
        Messages = [new UserMessageParam { Content = "Say hello in pirate." }],
    };

    [Theory]
    [InlineData("claude-3-haiku-20240307", true)]
    [InlineData("anthropic.claude-3-5-sonnet-20240620-v1:0", false)]
    [InlineData("claude-2.1", true)]
    [InlineData("claude-sonnet-4-5", false)]
    public async Task Messages_Plain_ReturnsTheModelsTextAndUsage(string model, bool bearer)
    {
        var message = await Client(bearer).Messages.Create(Params(model));

        var text = string.Concat(message.Content.Select(block => block.Value).OfType<TextBlock>().Select(b => b.Text));
        Assert.Equal(Reply, text);
        var recorded = fixture.Bedrock.Requests.Single(r => r.Operation == FakeOperation.Invoke && r.StatusCode == 200);
        Assert.Equal(recorded.InputTokens, message.Usage.InputTokens);
        Assert.Equal(recorded.OutputTokens, message.Usage.OutputTokens);
        Assert.DoesNotContain("\"model\"", recorded.Body, StringComparison.Ordinal);
        Assert.Contains("\"anthropic_version\":\"bedrock-2023-05-31\"", recorded.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("claude-3-haiku-20240307")]
    [InlineData("claude-instant-1.2")]
    [InlineData("us.anthropic.claude-sonnet-4-20250514-v1:0")]
    public async Task Messages_Streaming_AssemblesTheModelsTextAndCountsUsage(string model)
    {
        var text = new System.Text.StringBuilder();
        long outputTokens = 0;
        var sawStop = false;
        await foreach (var item in Client(bearer: true).Messages.CreateStreaming(Params(model)))
        {
            if (item.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickText(out var textDelta))
            {
                text.Append(textDelta.Text);
            }
            else if (item.TryPickDelta(out var messageDelta))
            {
                outputTokens = messageDelta.Usage.OutputTokens;
            }
            else if (item.TryPickStop(out _))
            {
                sawStop = true;
            }
        }

        Assert.Equal(Reply, text.ToString());
        Assert.True(sawStop);
        var recorded = fixture.Bedrock.Requests.Single(r => r.Operation == FakeOperation.InvokeStream && r.StatusCode == 200);
        Assert.Equal(recorded.OutputTokens, outputTokens);
        await fixture.WaitForPoolAsync(s => s.InFlight == 0
            && s.Families.Sum(f => f.Usage.OutputTokens) >= recorded.OutputTokens);
    }
}
