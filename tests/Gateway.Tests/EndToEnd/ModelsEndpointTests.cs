using System.Net;
using System.Text.Json;

namespace OrleansProxy.Gateway.Tests.EndToEnd;

/// <summary><c>GET /v1/models</c> lists what the pool serves now, in Anthropic's shape, pages on request, and finds one model.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ModelsEndpointTests(GatewayFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task List_HasAnthropicNamesThenBedrockIds_WithDisplayNamesAndRealDates()
    {
        var data = (await GetAsync("/proxy/aws/claude/v1/models")).GetProperty("data").EnumerateArray().ToList();

        var haiku = data.Single(m => m.GetProperty("id").GetString() == "claude-3-haiku-20240307");
        Assert.Equal("model", haiku.GetProperty("type").GetString());
        Assert.Equal("Claude 3 Haiku", haiku.GetProperty("display_name").GetString());
        Assert.StartsWith("2024-03-", haiku.GetProperty("created_at").GetString(), StringComparison.Ordinal);
        Assert.Equal(DateTimeOffset.Parse(haiku.GetProperty("created_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds(),
            haiku.GetProperty("created").GetInt64());
        var ids = data.Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.True(ids.IndexOf("claude-3-haiku-20240307") + 1 == ids.IndexOf("anthropic.claude-3-haiku-20240307-v1:0"));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Paging_WalksTheWholeListOnceWithAfterId_AndBackWithBeforeId()
    {
        var all = (await GetAsync("/proxy/aws/claude/v1/models")).GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.True(all.Count > 3);

        var walked = new List<string?>();
        string? after = null;
        while (true)
        {
            var page = await GetAsync("/proxy/aws/claude/v1/models?limit=3" + (after is null ? "" : "&after_id=" + Uri.EscapeDataString(after)));
            var ids = page.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
            Assert.InRange(ids.Count, 1, 3);
            walked.AddRange(ids);
            Assert.Equal(ids[^1], page.GetProperty("last_id").GetString());
            if (!page.GetProperty("has_more").GetBoolean())
            {
                break;
            }

            after = ids[^1];
        }

        Assert.Equal(all, walked);
        var before = await GetAsync("/proxy/aws/claude/v1/models?limit=2&before_id=" + Uri.EscapeDataString(all[3]!));
        Assert.Equal(all[1..3], before.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList());
        Assert.True(before.GetProperty("has_more").GetBoolean());
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=abc")]
    [InlineData("?after_id=nope")]
    [InlineData("?after_id=a&before_id=b")]
    public async Task BadPaging_Is400(string query)
    {
        using var response = await fixture.CreateClient().GetAsync("/proxy/aws/claude/v1/models" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_request_error", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("claude-3-haiku-20240307", "claude-3-haiku-20240307")]
    [InlineData("anthropic.claude-3-haiku-20240307-v1:0", "anthropic.claude-3-haiku-20240307-v1:0")]
    public async Task OneModel_ByEitherName(string name, string id)
    {
        var model = await GetAsync("/proxy/aws/claude/v1/models/" + Uri.EscapeDataString(name));

        Assert.Equal(id, model.GetProperty("id").GetString());
        Assert.Equal("Claude 3 Haiku", model.GetProperty("display_name").GetString());
    }

    [Fact]
    public async Task OneModel_Unknown_Is404NamingIt()
    {
        using var response = await fixture.CreateClient().GetAsync("/proxy/aws/claude/v1/models/claude-9-mega");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("not_found_error", error.GetProperty("type").GetString());
        Assert.Contains("claude-9-mega", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        // The list comes from the gateway's cached pool view (at most a second old): wait for the reset's recheck.
        for (var tries = 0; ; tries++)
        {
            using var response = await fixture.CreateClient().GetAsync(path);
            var text = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode && text.Contains("claude-3-haiku", StringComparison.Ordinal) || tries == 30)
            {
                Assert.True(response.IsSuccessStatusCode, text);
                return JsonDocument.Parse(text).RootElement;
            }

            await Task.Delay(100);
        }
    }
}
