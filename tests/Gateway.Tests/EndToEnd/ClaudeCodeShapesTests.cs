using OrleansProxy.Testing.FakeBedrock.Recording;

namespace OrleansProxy.Gateway.Tests.EndToEnd;

/// <summary>
/// What Claude Code sends (its betas, a trailing system message, adaptive thinking, context management, effort,
/// deferred tools, metadata) reaches the fake's Bedrock in a form it takes, for the newest model and older ones: the
/// fake enforces its own beta list, roles and per-generation fields, so a 200 here means nothing Bedrock refuses leaked.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ClaudeCodeShapesTests(GatewayFixture fixture) : IAsyncLifetime
{
    private const string Betas =
        "claude-code-20250219,oauth-2025-04-20,interleaved-thinking-2025-05-14,context-management-2025-06-27," +
        "prompt-caching-scope-2026-01-05,advanced-tool-use-2025-11-20,effort-2025-11-24,per-turn-control-2026-06-01";

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("claude-opus-5-5")]
    [InlineData("claude-sonnet-4-5")]
    [InlineData("claude-3-7-sonnet-20250219")]
    [InlineData("claude-3-haiku-20240307")]
    public async Task ClaudeCodesFirstRequest_IsTakenByBedrock(string model)
    {
        using var client = fixture.CreateClient();
        client.DefaultRequestHeaders.Add("anthropic-beta", Betas);
        var (status, body) = await Http.PostJsonAsync(client, "/proxy/aws/claude/v1/messages?beta=true", $$$"""
            {"model":"{{{model}}}","max_tokens":4096,
             "messages":[{"role":"user","content":[{"type":"text","text":"say hi"}]},
                         {"role":"system","content":[{"type":"text","text":"# Environment","cache_control":{"type":"ephemeral"}}]}],
             "system":[{"type":"text","text":"You are Claude Code.","cache_control":{"type":"ephemeral"}}],
             "tools":[{"name":"Bash","description":"Run","input_schema":{"type":"object"}},
                      {"name":"WebFetch","description":"Fetch","input_schema":{"type":"object"},"defer_loading":true}],
             "metadata":{"user_id":"{\"device_id\":\"d\",\"session_id\":\"0b6c\"}"},
             "thinking":{"type":"adaptive","display":"omitted"},
             "context_management":{"edits":[{"type":"clear_thinking_20251015","keep":"all"}]},
             "output_config":{"effort":"medium"}}
            """);

        Assert.True(status == 200, body.RootElement.ToString());
        var sent = fixture.Bedrock.Requests.Single(r => r.Operation == FakeOperation.Invoke);
        Assert.Equal(200, sent.StatusCode);
        Assert.DoesNotContain("claude-code-20250219", sent.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"role\":\"system\"", sent.Body, StringComparison.Ordinal);
    }
}
