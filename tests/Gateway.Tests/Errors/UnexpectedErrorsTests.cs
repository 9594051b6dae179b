using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;
using OrleansProxy.Gateway.Auth;
using OrleansProxy.Gateway.Errors;
using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.Tests.Errors;

/// <summary>The last-resort handler: an exception no endpoint expected still gets an error body in the endpoint's shape.</summary>
public sealed class UnexpectedErrorsTests : IAsyncLifetime
{
    private const string Secretish = "exception text that must not reach the client";

    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.UseProxyErrorBodies();
        _app.MapPost("/anthropic", Throw).WithMetadata(new ClientDialectMetadata(ClientDialect.AnthropicMessages));
        _app.MapPost("/openai", Throw).WithMetadata(new ClientDialectMetadata(ClientDialect.OpenAiChat));
        _app.MapGet("/plain", Throw);
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData("/anthropic")]
    [InlineData("/plain")]
    public async Task AnthropicShapedEndpoint_Gets500ApiError(string path)
    {
        using var response = path == "/plain" ? await _client.GetAsync(path) : await _client.PostAsync(path, null);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal("error", body.GetProperty("type").GetString());
        Assert.Equal("api_error", body.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(UnexpectedErrors.Message, body.GetProperty("error").GetProperty("message").GetString());
        Assert.DoesNotContain(Secretish, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAiEndpoint_GetsOpenAiShapedError()
    {
        using var response = await _client.PostAsync("/openai", null);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error");
        Assert.Equal(UnexpectedErrors.Message, error.GetProperty("message").GetString());
        Assert.False(JsonDocument.Parse(text).RootElement.TryGetProperty("type", out _));
        Assert.DoesNotContain(Secretish, text, StringComparison.Ordinal);
    }

    private static Task Throw() => throw new InvalidOperationException(Secretish);
}
