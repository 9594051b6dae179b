using System.Net;
using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Core;
using Anthropic.Models.Messages;
using OrleansProxy.Credentials;
using OrleansProxy.Gateway.Endpoints;
using OrleansProxy.Gateway.Forwarding;
using OrleansProxy.Gateway.Tests.EndToEnd;
using OrleansProxy.Gateway.Tests.TestSupport;
using OrleansProxy.Gateway.TokenCounting;
using OrleansProxy.Testing.FakeBedrock.Behaviour;
using OrleansProxy.Testing.FakeBedrock.Recording;

namespace OrleansProxy.Gateway.Tests.TokenCounting;

/// <summary>count_tokens through the gateway against the fake Bedrock's CountTokens.</summary>
[Collection(GatewayCollection.Name)]
public sealed class CountTokensEndToEndTests(GatewayFixture fixture) : IAsyncLifetime
{
    private const string Haiku = "anthropic.claude-3-haiku-20240307-v1:0";
    private const string CountBody = """{"model":"claude-3-haiku-20240307","system":"You are terse.","messages":[{"role":"user","content":"How many tokens is this sentence, roughly?"}]}""";

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(HttpStatusCode Status, JsonElement Body, string? Marker)> CountAsync(string body, string path = "/proxy/aws/claude/v1/messages/count_tokens")
    {
        using var client = fixture.CreateClient();
        using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        var marker = response.Headers.TryGetValues(CountTokensEndpoint.EstimateHeader, out var values) ? values.Single() : null;
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), marker);
    }

    private IEnumerable<RecordedRequest> Counts => fixture.Bedrock.Requests.Where(r => r.Operation == FakeOperation.CountTokens);

    private static string DecodedInvokeBody(RecordedRequest count) =>
        Encoding.UTF8.GetString(Convert.FromBase64String(JsonDocument.Parse(count.Body).RootElement
            .GetProperty("input").GetProperty("invokeModel").GetProperty("body").GetString()!));

    [Theory]
    [InlineData("/proxy/aws/claude/v1/messages/count_tokens")]
    [InlineData("/proxy/aws/claude/messages/count_tokens")]
    public async Task CountTokens_CountableModel_AnswersBedrocksCountForTheBareModelId(string path)
    {
        var (status, body, marker) = await CountAsync(CountBody, path);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(marker);
        var count = Assert.Single(Counts);
        Assert.Equal(200, count.StatusCode);
        Assert.Equal(Haiku, count.ModelId);
        Assert.Equal(count.InputTokens, body.GetProperty("input_tokens").GetInt64());
        Assert.Single(body.EnumerateObject());
        var invokeBody = JsonDocument.Parse(DecodedInvokeBody(count)).RootElement;
        Assert.Equal("bedrock-2023-05-31", invokeBody.GetProperty("anthropic_version").GetString());
        Assert.Equal(1024, invokeBody.GetProperty("max_tokens").GetInt32());
        Assert.False(invokeBody.TryGetProperty("model", out _));
        Assert.DoesNotContain(fixture.Bedrock.Requests, r => r.Operation is FakeOperation.Invoke or FakeOperation.InvokeStream);
    }

    [Fact]
    public async Task CountTokens_AgreesWithTheInputTokensOfTheSameMessagesCall()
    {
        var (_, counted, _) = await CountAsync(CountBody);
        using var client = fixture.CreateClient();
        using var response = await client.PostAsync("/proxy/aws/claude/v1/messages",
            new StringContent(CountBody.Replace("\"model\"", "\"max_tokens\":50,\"model\"", StringComparison.Ordinal), Encoding.UTF8, "application/json"));
        var message = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message.GetProperty("usage").GetProperty("input_tokens").GetInt64(), counted.GetProperty("input_tokens").GetInt64());
    }

    [Fact]
    public async Task CountTokens_ProfileIdAsked_CountsWithTheBareBaseId()
    {
        var (status, _, marker) = await CountAsync("""{"model":"us.anthropic.claude-3-haiku-20240307-v1:0","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(marker);
        Assert.Equal(Haiku, Assert.Single(Counts).ModelId);
    }

    [Theory]
    [InlineData("claude-opus-4-7")]
    [InlineData("claude-opus-5-5")]
    public async Task CountTokens_ModelBedrockCannotCount_AnswersTheMarkedEstimateAfterOneTry(string model)
    {
        var body = $$"""{"model":"{{model}}","messages":[{"role":"user","content":"Estimate me, please: twelve words or so in this sentence."}]}""";

        var (status, answer, marker) = await CountAsync(body);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("estimated", marker);
        var refused = Assert.Single(Counts);
        Assert.Equal("ValidationException", refused.ErrorType);
        Assert.Equal(TokenEstimate.Of(Encoding.UTF8.GetBytes(DecodedInvokeBody(refused))), answer.GetProperty("input_tokens").GetInt64());
    }

    [Fact]
    public async Task CountTokens_NoMessages_InvalidRequestWithoutAnyUpstreamCall()
    {
        var (status, body, _) = await CountAsync("""{"model":"claude-3-haiku-20240307"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("error", body.GetProperty("type").GetString());
        Assert.Equal("invalid_request_error", body.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("messages", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(Counts);
    }

    [Fact]
    public async Task CountTokens_UnknownModel_NotFoundNamingIt()
    {
        var (status, body, _) = await CountAsync("""{"model":"claude-nonesuch-9","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("not_found_error", body.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("claude-nonesuch-9", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(Counts);
    }

    [Fact]
    public async Task CountTokens_ServerErrorOnOneKey_RetriedOnAnother()
    {
        foreach (var key in fixture.Keys.Take(2))
        {
            fixture.Bedrock.Credential(key.AccessKeyId).FailCountTokensNext(1, FakeFault.InternalServer);
        }

        var (status, _, marker) = await CountAsync(CountBody);
        var (again, _, _) = await CountAsync(CountBody);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Null(marker);
        Assert.Contains(Counts, r => r.StatusCode == 500);
        Assert.Equal(2, Counts.Count(r => r.StatusCode == 200));
    }

    [Fact]
    public async Task CountTokens_NoKeyMayCount_EstimateAndTheKeysKeepTheirAccess()
    {
        foreach (var key in fixture.Keys)
        {
            fixture.Bedrock.Credential(key.AccessKeyId).DeniedModels.Add("anthropic.claude-3-haiku");
        }

        var (status, _, marker) = await CountAsync(CountBody);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("estimated", marker);
        Assert.Equal(3, Counts.Count(r => r.StatusCode == 403));
        foreach (var key in fixture.Keys)
        {
            var family = (await fixture.Grains.GetGrain<ICredentialGrain>(key.Id).GetSnapshotAsync()).Families.Single(f => f.Family == "claude-3-haiku");
            Assert.Equal(FamilyAccess.Granted, family.Access);
        }
    }

    [Fact]
    public async Task CountTokens_MetricCountsUpstreamAndEstimatedAnswers()
    {
        using var measurements = new GatewayMeasurements(fixture.Factory.Services, "proxy.count_tokens", "result");

        await CountAsync(CountBody);
        await CountAsync("""{"model":"claude-opus-5","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(["estimated:1", "upstream:1"], measurements.Sorted);
    }

    [Fact]
    public async Task AnthropicSdk_CountTokens_ReturnsBedrocksCount()
    {
        var client = new AnthropicClient(new ClientOptions
        {
            BaseUrl = new Uri(fixture.Factory.Server.BaseAddress, "/proxy/aws/claude").ToString(),
            HttpClient = fixture.Factory.CreateClient(),
            MaxRetries = 0,
            ApiKey = GatewayFixture.ProxyKey,
        });

        var count = await client.Messages.CountTokens(new MessageCountTokensParams
        {
            Model = "claude-3-haiku-20240307",
            System = "You are a careful counter.",
            Messages = [new UserMessageParam { Content = "Count the tokens of this message, please." }],
        });

        var recorded = Assert.Single(Counts);
        Assert.Equal(200, recorded.StatusCode);
        Assert.Equal(recorded.InputTokens, count.InputTokens);
    }

    [Fact]
    public async Task Burst_FiftyCountsWithCountTokensThrottled_LeaveEveryKeyUsableForMessages()
    {
        // Two of the three keys answer every CountTokens call with a throttle, as a burst at start-up would provoke.
        foreach (var key in fixture.Keys.Take(2))
        {
            fixture.Bedrock.Credential(key.AccessKeyId).ThrottleCountTokensAlways = true;
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => CountAsync(CountBody)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Contains(Counts, r => r.StatusCode == 429);
        Assert.True(answers.Count(a => a.Marker is null) >= 25, "most counts should be Bedrock's: the third key counts them");
        var snapshot = await fixture.Pool.GetSnapshotAsync();
        var haiku = snapshot.Families.Single(f => f.Family == "claude-3-haiku");
        Assert.Equal(0, haiku.Throttled);
        Assert.Equal(3, haiku.Usable);
        Assert.Equal(0, snapshot.InFlight);

        // Then real traffic: Messages calls spread over all three keys, and each one answers.
        using var client = fixture.CreateClient();
        var served = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 6; i++)
        {
            using var response = await client.PostAsync("/proxy/aws/claude/v1/messages", new StringContent(
                """{"model":"claude-3-haiku-20240307","max_tokens":20,"messages":[{"role":"user","content":"hello"}]}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        foreach (var invoke in fixture.Bedrock.Requests.Where(r => r.Operation == FakeOperation.Invoke))
        {
            Assert.Equal(200, invoke.StatusCode);
            served.Add(invoke.AccessKeyId!);
        }

        Assert.Equal(fixture.Keys.Select(k => k.AccessKeyId).Order(), served.Order());
    }
}
