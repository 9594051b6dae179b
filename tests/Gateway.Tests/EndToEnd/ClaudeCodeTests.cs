using System.Text.Json;
using OrleansProxy.Gateway.Tests.TestSupport;
using OrleansProxy.Testing.FakeBedrock.Recording;

namespace OrleansProxy.Gateway.Tests.EndToEnd;

/// <summary>
/// Claude Code itself (npm, pinned) in Anthropic mode through the proxy on a real socket, against the fake Bedrock: its
/// default model (profile-only on Bedrock) and an explicit one. What it prints must be the fake's answer, and every
/// body it made the proxy send must have passed the fake's Bedrock schema (its betas, its system messages, its fields).
/// </summary>
[Collection(KestrelGatewayCollection.Name)]
public sealed class ClaudeCodeTests(KestrelGatewayFixture fixture) : IAsyncLifetime
{
    private const string Reply = "Hello from the fake Bedrock, through the pool.";

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        fixture.Bedrock.ReplyText = _ => Reply;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(null, "us.anthropic.claude-opus-5-5")]
    [InlineData("claude-sonnet-4-5", "us.anthropic.claude-sonnet-4-5-20250929-v1:0")]
    public async Task PrintMode_AnswersWithTheFakesText(string? model, string upstreamModelId)
    {
        var (exit, output) = await ClaudeCode.PrintAsync("Say hello.", new Dictionary<string, string?>
        {
            ["ANTHROPIC_BASE_URL"] = new Uri(fixture.BaseAddress!, "/proxy/aws/claude").ToString(),
            ["ANTHROPIC_API_KEY"] = GatewayFixture.ProxyKey,
        }, model is null ? null : ["--model", model]);

        Assert.True(exit == 0, $"claude exited {exit}: {output}");
        var result = JsonDocument.Parse(output[..(output.IndexOf("\n[stderr]", StringComparison.Ordinal) is var end and >= 0 ? end : output.Length)]).RootElement;
        Assert.False(result.GetProperty("is_error").GetBoolean(), output);
        Assert.Equal(Reply, result.GetProperty("result").GetString()?.Trim());

        var invocations = fixture.Bedrock.Requests.Where(r => r.Operation is FakeOperation.Invoke or FakeOperation.InvokeStream).ToList();
        Assert.Contains(invocations, r => r.ModelId == upstreamModelId && r.StatusCode == 200);
        Assert.All(invocations, r => Assert.True(r.StatusCode == 200, $"{r.ModelId} answered {r.StatusCode} {r.ErrorType}: {r.Body[..Math.Min(300, r.Body.Length)]}"));
    }
}
