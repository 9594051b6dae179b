using System.Text.Json;
using OrleansProxy.Gateway.Tests.EndToEnd;
using OrleansProxy.Gateway.Tests.TestSupport;
using OrleansProxy.Testing.FakeBedrock.Recording;

namespace OrleansProxy.Gateway.Tests.BedrockFront;

/// <summary>
/// Claude Code itself (npm <c>@anthropic-ai/claude-code</c> 2.1.332, its native binary from the registry's
/// <c>claude-code-linux-x64</c> package) in Bedrock mode, print mode, against the front door on a loopback port with the
/// proxy key as its Bedrock API key: it lists inference profiles, probes, then streams; the text it prints is the fake's.
/// </summary>
[Collection(KestrelGatewayCollection.Name)]
public sealed class ClaudeCodeBedrockModeTests(KestrelGatewayFixture fixture) : IAsyncLifetime
{
    private const string Reply = "Hi from the fake Bedrock through the front door";

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(null, "us.anthropic.claude-opus-5-5")]
    [InlineData("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "us.anthropic.claude-sonnet-4-5-20250929-v1:0")]
    public async Task PrintMode_PrintsTheFakesAnswer(string? model, string expectedModelId)
    {
        var directory = await NodeTools.InstallAsync("tests/Gateway.Tests/BedrockFront/claude-code", "claude-code-bedrock-mode", TimeSpan.FromMinutes(10));
        var home = Directory.CreateTempSubdirectory("claude-home-");
        var original = fixture.Bedrock.ReplyText;
        fixture.Bedrock.ReplyText = _ => Reply;
        try
        {
            string[] arguments = model is null
                ? ["-p", "say hi", "--output-format", "json"]
                : ["-p", "say hi", "--output-format", "json", "--model", model];
            var run = await NodeTools.RunAsync(
                Path.Combine(directory, "node_modules", "@anthropic-ai", "claude-code", "bin", "claude.exe"), arguments, home.FullName,
                new Dictionary<string, string?>
                {
                    ["CLAUDE_CODE_USE_BEDROCK"] = "1",
                    ["ANTHROPIC_BEDROCK_BASE_URL"] = new Uri(fixture.BaseAddress!, "/proxy/aws/bedrock").ToString().TrimEnd('/'),
                    ["AWS_BEARER_TOKEN_BEDROCK"] = GatewayFixture.ProxyKey,
                    ["AWS_REGION"] = "us-east-1",
                    ["HOME"] = home.FullName,
                    ["DISABLE_AUTOUPDATER"] = "1",
                    ["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1",
                    ["ANTHROPIC_API_KEY"] = null,
                    ["ANTHROPIC_BASE_URL"] = null,
                    ["ANTHROPIC_MODEL"] = null,
                    ["AWS_ACCESS_KEY_ID"] = null,
                    ["AWS_SECRET_ACCESS_KEY"] = null,
                    ["AWS_PROFILE"] = null,
                },
                TimeSpan.FromSeconds(120));

            Assert.True(run.ExitCode == 0, run.ToString());
            using var result = JsonDocument.Parse(run.StdOut);
            Assert.False(result.RootElement.GetProperty("is_error").GetBoolean(), run.StdOut);
            Assert.Equal(Reply, result.RootElement.GetProperty("result").GetString());
            Assert.Contains(fixture.Bedrock.Requests, r => r.Operation == FakeOperation.InvokeStream && r.ModelId == expectedModelId && r.StatusCode == 200);
        }
        finally
        {
            fixture.Bedrock.ReplyText = original;
            home.Delete(recursive: true);
        }
    }
}
