using System.Net;
using System.Text;
using System.Text.Json;

namespace OrleansProxy.Gateway.Tests.EndToEnd;

/// <summary>Bad input always gets a clear 4xx in the endpoint's error shape, never a 500, and never reaches Bedrock.</summary>
[Collection(GatewayCollection.Name)]
public sealed class BadInputTests(GatewayFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string, int, string> Cases => new()
    {
        { "/proxy/aws/claude/v1/messages", "{not json", 400, "invalid_request_error" },
        { "/proxy/aws/claude/v1/messages", "[1,2,3]", 400, "invalid_request_error" },
        { "/proxy/aws/claude/v1/messages", """{"model":"claude-3-haiku-20240307","messages":[{"role":"user","content":"hi"}]}""", 400, "invalid_request_error" },
        { "/proxy/aws/claude/v1/messages", """{"model":"claude-3-haiku-20240307","max_tokens":"10","messages":[{"role":"user","content":"hi"}]}""", 400, "invalid_request_error" },
        { "/proxy/aws/claude/v1/messages", """{"model":"claude-3-haiku-20240307","max_tokens":10,"messages":{}}""", 400, "invalid_request_error" },
        { "/proxy/aws/claude/v1/messages", """{"model":"claude-3-haiku-20240307","max_tokens":10,"messages":[]}""", 400, "invalid_request_error" },
        { "/proxy/aws/claude/v1/messages", """{"model":42,"max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""", 400, "invalid_request_error" },
        { "/proxy/aws/claude/v1/messages", """{"max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""", 400, "invalid_request_error" },
        { "/proxy/aws/claude/v1/messages", """{"model":"gpt-4o","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""", 404, "not_found_error" },
        { "/proxy/aws/claude/v1/messages", """{"model":"anthropic.claude-v1","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""", 400, "invalid_request_error" },
        { "/proxy/aws/claude/v1/messages", """{"model":"../../logging/modelinvocations","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""", 404, "not_found_error" },
        { "/proxy/aws/claude/v1/messages", """{"model":"anthropic.claude-v2:1/../../x","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""", 404, "not_found_error" },
        { "/proxy/aws/claude/v1/messages", """{"model":"anthropic.claude-v2%3A1","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""", 404, "not_found_error" },
        { "/proxy/aws/claude/v1/messages", """{"model":"anthropic.claude-v2:1?x=1","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""", 404, "not_found_error" },
        { "/proxy/aws/claude/v1/complete", """{"model":"claude-2.1","max_tokens_to_sample":10}""", 400, "invalid_request_error" },
        { "/proxy/aws/claude/v1/complete", """{"model":"claude-2.1","prompt":"Hello","max_tokens_to_sample":10}""", 400, "invalid_request_error" },
        { "/proxy/aws/claude/v1/complete", """{"model":"claude-2.1","prompt":"\n\nHuman: hi\n\nAssistant:"}""", 400, "invalid_request_error" },
        { "/proxy/aws/claude/v1/chat/completions", """{"model":"claude-3-haiku-20240307","messages":"hi"}""", 400, "invalid_request_error" },
        { "/proxy/aws/claude/v1/chat/completions", """{"model":"claude-3-haiku-20240307","n":2,"messages":[{"role":"user","content":"hi"}]}""", 400, "invalid_request_error" },
        { "/proxy/aws/claude/v1/chat/completions", """{"model":"nope","messages":[{"role":"user","content":"hi"}]}""", 404, "not_found_error" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadRequest_GetsTheRight4xxAndNeverReachesBedrock(string path, string body, int status, string type)
    {
        using var response = await fixture.CreateClient().PostAsync(path, Http.Json(body));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(status, (int)response.StatusCode);
        var error = path.EndsWith("chat/completions", StringComparison.Ordinal)
            ? json.GetProperty("error")
            : json.GetProperty("error");
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        if (!path.EndsWith("chat/completions", StringComparison.Ordinal))
        {
            Assert.Equal("error", json.GetProperty("type").GetString());
        }

        Assert.DoesNotContain(fixture.Bedrock.Requests, r => r.Operation != Testing.FakeBedrock.Recording.FakeOperation.GetLoggingConfiguration);
    }

    [Fact]
    public async Task UnknownModel_MessageNamesTheModel()
    {
        using var response = await fixture.CreateClient().PostAsync("/proxy/aws/claude/v1/messages",
            Http.Json("""{"model":"claude-9-mega","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}"""));

        Assert.Contains("claude-9-mega", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedBody_Gets413()
    {
        var padding = new string('x', (int)GatewayFixture.MaxBodyBytes);
        using var response = await fixture.CreateClient().PostAsync("/proxy/aws/claude/v1/messages",
            Http.Json($$"""{"model":"claude-3-haiku-20240307","max_tokens":10,"messages":[{"role":"user","content":"{{padding}}"}]}"""));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("request_too_large", json.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task OversizedChunkedBody_Gets413()
    {
        // No Content-Length: the proxy must stop reading at the limit, not buffer whatever arrives.
        var padding = new string('x', (int)GatewayFixture.MaxBodyBytes);
        using var response = await fixture.CreateClient().PostAsync("/proxy/aws/claude/v1/messages", Chunked(
            $$"""{"model":"claude-3-haiku-20240307","max_tokens":10,"messages":[{"role":"user","content":"{{padding}}"}]}"""));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task ChunkedBody_IsReadWhole()
    {
        await fixture.ResetAsync();
        using var response = await fixture.CreateClient().PostAsync("/proxy/aws/claude/v1/messages", Chunked(
            """{"model":"claude-3-haiku-20240307","max_tokens":10,"messages":[{"role":"user","content":"sent in chunks"}]}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("sent in chunks", fixture.Bedrock.Requests.Single().Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyBody_Gets400()
    {
        using var response = await fixture.CreateClient().PostAsync("/proxy/aws/claude/v1/messages", Http.Json(""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("empty", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static StreamContent Chunked(string json)
    {
        var content = new StreamContent(new ForwardOnlyStream(System.Text.Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>A body whose length the client cannot know up front, so it goes chunked.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    [Fact]
    public async Task DeeplyNestedJson_Gets400()
    {
        var deep = string.Concat(Enumerable.Repeat("[", 200)) + string.Concat(Enumerable.Repeat("]", 200));
        using var response = await fixture.CreateClient().PostAsync("/proxy/aws/claude/v1/messages",
            Http.Json($$"""{"model":"claude-3-haiku-20240307","max_tokens":10,"messages":{{deep}}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("x-api-key", "wrong-key-1234567")]
    [InlineData("Authorization", "Bearer wrong-key-1234567")]
    [InlineData("Authorization", "Basic dGVzdDp0ZXN0")]
    [InlineData("x-api-key", "test-proxy-key-7f3a9")]
    public async Task MissingOrWrongProxyKey_Gets401InTheEndpointsShape(string? header, string? value)
    {
        foreach (var path in new[] { "/proxy/aws/claude/v1/messages", "/proxy/aws/claude/v1/chat/completions", "/proxy/aws/claude/v1/models" })
        {
            using var client = fixture.Factory.CreateClient();
            using var request = new HttpRequestMessage(path.EndsWith("models", StringComparison.Ordinal) ? HttpMethod.Get : HttpMethod.Post, path)
            {
                Content = Http.Json("""{"model":"claude-3-haiku-20240307","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}"""),
            };
            if (header is not null)
            {
                request.Headers.TryAddWithoutValidation(header, value);
            }

            using var response = await client.SendAsync(request);
            var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("authentication_error", json.GetProperty("error").GetProperty("type").GetString());
            Assert.Equal(path.EndsWith("chat/completions", StringComparison.Ordinal), !json.TryGetProperty("type", out _));
        }

        Assert.Empty(fixture.Bedrock.Requests);
    }

    [Fact]
    public async Task BearerProxyKey_IsAccepted()
    {
        using var client = fixture.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", GatewayFixture.ProxyKey);

        using var response = await client.GetAsync("/proxy/aws/claude/v1/models");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task NonUtf8Garbage_Gets400()
    {
        using var content = new ByteArrayContent([0xff, 0xfe, 0x00, 0x7b, 0x80, 0x81]);
        content.Headers.ContentType = new("application/json");
        using var response = await fixture.CreateClient().PostAsync("/proxy/aws/claude/v1/messages", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_request_error", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        _ = Encoding.UTF8;
    }
}
