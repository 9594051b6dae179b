using System.Text.Json;
using OrleansProxy.Gateway.Tests.EndToEnd;
using OrleansProxy.Gateway.Tests.TestSupport;
using OrleansProxy.Testing.FakeBedrock.Recording;

namespace OrleansProxy.Gateway.Tests.BedrockFront;

/// <summary>
/// AWS's own JavaScript SDK (<c>@aws-sdk/client-bedrock-runtime</c>, pinned in <c>js/package-lock.json</c>) with the
/// proxy key as its Bedrock API key, against the front door on a loopback port: InvokeModel, the event stream its
/// decoder checks frame by frame, CountTokens (and its refusal of Converse input), and a refused model id surfacing as
/// the SDK's ValidationException.
/// </summary>
[Collection(KestrelGatewayCollection.Name)]
public sealed class BedrockFrontAwsSdkTests(KestrelGatewayFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task JavaScriptSdk_WithBearerToken_InvokesStreamsAndCounts()
    {
        var directory = await NodeTools.InstallAsync("tests/Gateway.Tests/BedrockFront/js", "bedrock-front-door", TimeSpan.FromMinutes(5));
        var endpoint = new Uri(fixture.BaseAddress!, "/proxy/aws/bedrock").ToString();

        var run = await NodeTools.RunAsync("node", ["front-door.mjs", endpoint, "us.anthropic.claude-3-haiku-20240307-v1:0"], directory,
            new Dictionary<string, string?>
            {
                ["AWS_BEARER_TOKEN_BEDROCK"] = GatewayFixture.ProxyKey,
                // No SigV4 credentials anywhere: the token is the only way in.
                ["AWS_ACCESS_KEY_ID"] = null,
                ["AWS_SECRET_ACCESS_KEY"] = null,
                ["AWS_PROFILE"] = null,
                ["HOME"] = Path.GetTempPath(),
            },
            TimeSpan.FromSeconds(60));

        Assert.True(run.ExitCode == 0, run.ToString());
        using var result = JsonDocument.Parse(run.StdOut.Trim().Split('\n')[^1]);
        var root = result.RootElement;
        Assert.Equal("Fake Bedrock reply to: sdk invoke", root.GetProperty("invokeText").GetString());
        Assert.Equal("application/json", root.GetProperty("invokeContentType").GetString());
        Assert.Equal("Fake Bedrock reply to: sdk stream", root.GetProperty("streamText").GetString());
        var types = root.GetProperty("types").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Equal("message_start", types[0]);
        Assert.Equal("message_stop", types[^1]);
        var count = Assert.Single(fixture.Bedrock.Requests, r => r.Operation == FakeOperation.CountTokens);
        Assert.Equal(200, count.StatusCode);
        Assert.Equal("anthropic.claude-3-haiku-20240307-v1:0", count.ModelId);
        Assert.Equal(count.InputTokens, root.GetProperty("inputTokens").GetInt64());
        var countRefused = root.GetProperty("countRefused");
        Assert.Equal("ValidationException", countRefused.GetProperty("name").GetString());
        Assert.Equal(400, countRefused.GetProperty("status").GetInt32());
        var refused = root.GetProperty("refused");
        Assert.Equal("ValidationException", refused.GetProperty("name").GetString());
        Assert.Equal(400, refused.GetProperty("status").GetInt32());
        Assert.Equal(1, fixture.Bedrock.Requests.Count(r => r.Operation == FakeOperation.Invoke && r.StatusCode == 200));
        Assert.Equal(1, fixture.Bedrock.Requests.Count(r => r.Operation == FakeOperation.InvokeStream && r.StatusCode == 200));
    }
}
