using System.Text.Json;
using OrleansProxy.Testing.FakeBedrock.Behaviour;
using OrleansProxy.Testing.FakeBedrock.Recording;

namespace OrleansProxy.Gateway.Tests.EndToEnd;

/// <summary>With ALLOW_AWS_LOGGING=true a logging-enabled key is used, and the info page warns.</summary>
[Collection(AllowLoggingGatewayCollection.Name)]
public sealed class AllowLoggingTests(AllowLoggingGatewayFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AllowAwsLogging_LoggingEnabledKeyIsUsed_AndTheInfoPageWarns()
    {
        foreach (var key in fixture.Keys)
        {
            fixture.Bedrock.Credential(key.AccessKeyId).Logging = FakeLoggingMode.Enabled;
            await fixture.RecheckAsync(key);
        }

        var (status, _) = await Http.PostJsonAsync(fixture.CreateClient(), "/proxy/aws/claude/v1/messages",
            """{"model":"claude-3-haiku-20240307","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(200, status);
        Assert.Contains(fixture.Bedrock.Requests, r => r.Operation == FakeOperation.Invoke && r.StatusCode == 200);
        var info = JsonDocument.Parse(await fixture.Factory.CreateClient().GetStringAsync("/api/info")).RootElement;
        Assert.True(info.GetProperty("allowAwsLogging").GetBoolean());
        Assert.Contains(info.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("ALLOW_AWS_LOGGING", StringComparison.Ordinal));
        Assert.Contains("ALLOW_AWS_LOGGING", await fixture.Factory.CreateClient().GetStringAsync("/"), StringComparison.Ordinal);
    }
}
