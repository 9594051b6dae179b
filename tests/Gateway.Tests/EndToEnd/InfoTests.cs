using System.Text.Json;

namespace OrleansProxy.Gateway.Tests.EndToEnd;

/// <summary>The info page and its JSON: useful counts, warnings, and never a secret or a full access key id.</summary>
[Collection(GatewayCollection.Name)]
public sealed class InfoTests(GatewayFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("/")]
    [InlineData("/api/info")]
    public async Task InfoPage_ContainsNoSecretAndNoFullAccessKeyId(string path)
    {
        await Http.PostJsonAsync(fixture.CreateClient(), "/proxy/aws/claude/v1/messages",
            """{"model":"claude-3-haiku-20240307","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""");

        var text = await fixture.Factory.CreateClient().GetStringAsync(path);

        foreach (var key in fixture.Keys)
        {
            Assert.DoesNotContain(key.SecretAccessKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain(key.AccessKeyId, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(GatewayFixture.ProxyKey, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InfoJson_ReportsFamiliesEndpointsAndQueue()
    {
        var json = JsonDocument.Parse(await fixture.Factory.CreateClient().GetStringAsync("/api/info")).RootElement;

        Assert.Equal(3, json.GetProperty("credentials").GetInt32());
        Assert.Equal("standalone", json.GetProperty("mode").GetString());
        Assert.False(json.GetProperty("openProxy").GetBoolean());
        Assert.False(json.GetProperty("allowAwsLogging").GetBoolean());
        Assert.EndsWith("/proxy/aws/claude", json.GetProperty("endpoints").GetProperty("anthropic").GetString(), StringComparison.Ordinal);
        var haiku = json.GetProperty("families").EnumerateArray().Single(f => f.GetProperty("family").GetString() == "claude-3-haiku");
        Assert.Equal(3, haiku.GetProperty("usable").GetInt32());
        Assert.Equal(0, json.GetProperty("queueWaiting").GetInt32());
        Assert.True(json.TryGetProperty("uptimeSeconds", out _));
        Assert.Empty(json.GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public async Task HealthAndReadiness_Answer200()
    {
        using var client = fixture.Factory.CreateClient();

        Assert.Equal("ok", await client.GetStringAsync("/healthz"));
        Assert.Equal("ready", await client.GetStringAsync("/readyz"));
    }
}
