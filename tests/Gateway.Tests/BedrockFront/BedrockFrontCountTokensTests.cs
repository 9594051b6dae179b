using System.Text;
using System.Text.Json;
using OrleansProxy.Gateway.Endpoints;
using OrleansProxy.Gateway.Forwarding;
using OrleansProxy.Gateway.Tests.EndToEnd;
using OrleansProxy.Gateway.Tests.TestSupport;
using OrleansProxy.Gateway.TokenCounting;
using OrleansProxy.Testing.FakeBedrock.Behaviour;
using OrleansProxy.Testing.FakeBedrock.Recording;

namespace OrleansProxy.Gateway.Tests.BedrockFront;

/// <summary>
/// CountTokens through the front door (<c>POST /model/{id}/count-tokens</c>): Bedrock's envelope in, <c>{"inputTokens":N}</c>
/// out, counted by the shared counter against the fake's CountTokens, errors in AWS's REST-JSON shape.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class BedrockFrontCountTokensTests(GatewayFixture fixture) : IAsyncLifetime
{
    private const string Haiku = "anthropic.claude-3-haiku-20240307-v1:0";

    private const string CountBody =
        """{"anthropic_version":"bedrock-2023-05-31","system":"You are terse.","messages":[{"role":"user","content":"How many tokens is this sentence, roughly?"}]}""";

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private IEnumerable<RecordedRequest> Counts => fixture.Bedrock.Requests.Where(r => r.Operation == FakeOperation.CountTokens);

    private static string Envelope(string invokeBody) =>
        "{\"input\":{\"invokeModel\":{\"body\":\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes(invokeBody)) + "\"}}}";

    private static string CountPath(string modelId) => $"{FrontDoor.Base}/model/{modelId}/count-tokens";

    private static string DecodedInvokeBody(RecordedRequest count) =>
        Encoding.UTF8.GetString(Convert.FromBase64String(JsonDocument.Parse(count.Body).RootElement
            .GetProperty("input").GetProperty("invokeModel").GetProperty("body").GetString()!));

    private async Task<(int Status, JsonElement Body, string? Marker)> CountAsync(string modelId, string envelope)
    {
        using var response = await FrontDoor.PostAsync(FrontDoor.Client(fixture), CountPath(modelId), envelope);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var marker = response.Headers.TryGetValues(CountTokensEndpoint.EstimateHeader, out var values) ? values.Single() : null;
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), marker);
    }

    [Theory]
    [InlineData(Haiku)]
    [InlineData("anthropic.claude-3-haiku-20240307-v1%3A0")]
    [InlineData("us.anthropic.claude-3-haiku-20240307-v1:0")]
    public async Task CountTokens_CountableModel_AnswersBedrocksCountInBedrocksShape_OnTheBareId(string modelId)
    {
        var (status, body, marker) = await CountAsync(modelId, Envelope(CountBody));

        Assert.Equal(200, status);
        Assert.Null(marker);
        var count = Assert.Single(Counts);
        Assert.Equal(200, count.StatusCode);
        Assert.Equal(Haiku, count.ModelId);
        Assert.Contains(fixture.Keys, k => k.AccessKeyId == count.AccessKeyId);
        var property = Assert.Single(body.EnumerateObject());
        Assert.Equal("inputTokens", property.Name);
        Assert.Equal(count.InputTokens, property.Value.GetInt64());
        // The body Bedrock counted is a complete InvokeModel body: max_tokens filled in, nothing of the proxy's own.
        var counted = JsonDocument.Parse(DecodedInvokeBody(count)).RootElement;
        Assert.Equal("bedrock-2023-05-31", counted.GetProperty("anthropic_version").GetString());
        Assert.Equal(1024, counted.GetProperty("max_tokens").GetInt32());
        Assert.DoesNotContain(fixture.Bedrock.Requests, r => r.Operation is FakeOperation.Invoke or FakeOperation.InvokeStream);
    }

    [Fact]
    public async Task CountTokens_AgreesWithTheInputTokensOfTheSameInvoke()
    {
        var (_, counted, _) = await CountAsync(Haiku, Envelope(CountBody));
        using var response = await FrontDoor.PostAsync(FrontDoor.Client(fixture), FrontDoor.InvokePath(Haiku),
            CountBody.Replace("\"system\"", "\"max_tokens\":30,\"system\"", StringComparison.Ordinal));
        using var invoked = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(invoked.RootElement.GetProperty("usage").GetProperty("input_tokens").GetInt64(), counted.GetProperty("inputTokens").GetInt64());
    }

    [Fact]
    public async Task CountTokens_ModelBedrockCannotCount_AnswersTheMarkedEstimate_AndCountsItInTheMetric()
    {
        using var measurements = new GatewayMeasurements(fixture.Factory.Services, "proxy.count_tokens", "result");
        var body = """{"anthropic_version":"bedrock-2023-05-31","messages":[{"role":"user","content":"Estimate me, please: twelve words or so in this sentence."}]}""";

        var (status, answer, marker) = await CountAsync("us.anthropic.claude-opus-5-5", Envelope(body));
        await CountAsync(Haiku, Envelope(CountBody));

        Assert.Equal(200, status);
        Assert.Equal("estimated", marker);
        var refused = Assert.Single(Counts, r => r.StatusCode != 200);
        Assert.Equal("ValidationException", refused.ErrorType);
        Assert.Equal(TokenEstimate.Of(Encoding.UTF8.GetBytes(DecodedInvokeBody(refused))), answer.GetProperty("inputTokens").GetInt64());
        Assert.Equal(["estimated:1", "upstream:1"], measurements.Sorted);
    }

    [Fact]
    public async Task CountTokens_ServerErrorOnOneKey_RetriedOnAnother()
    {
        foreach (var key in fixture.Keys.Take(2))
        {
            fixture.Bedrock.Credential(key.AccessKeyId).FailCountTokensNext(1, FakeFault.InternalServer);
        }

        var (status, _, marker) = await CountAsync(Haiku, Envelope(CountBody));
        var (again, _, _) = await CountAsync(Haiku, Envelope(CountBody));

        Assert.Equal(200, status);
        Assert.Equal(200, again);
        Assert.Null(marker);
        Assert.Contains(Counts, r => r.StatusCode == 500);
        Assert.Equal(2, Counts.Count(r => r.StatusCode == 200));
    }

    [Fact]
    public async Task CountTokens_LoggingEnabledKey_IsNeverUsed()
    {
        var logged = fixture.Keys[2];
        fixture.Bedrock.Credential(logged.AccessKeyId).Logging = FakeLoggingMode.Enabled;
        await fixture.RecheckAsync(logged);

        for (var i = 0; i < 9; i++)
        {
            Assert.Equal(200, (await CountAsync(Haiku, Envelope(CountBody))).Status);
        }

        Assert.Equal(9, Counts.Count());
        Assert.DoesNotContain(Counts, r => r.AccessKeyId == logged.AccessKeyId);
    }

    [Theory]
    [InlineData("""{"input":{"converse":{"messages":[{"role":"user","content":[{"text":"hi"}]}]}}}""", "converse")]
    [InlineData("""{"input":{"invokeModel":{"body":"not base64!"}}}""", "base64")]
    [InlineData("""{"input":{"invokeModel":{}}}""", "input.invokeModel.body")]
    [InlineData("""{"input":{}}""", "exactly one member")]
    [InlineData("""{"input":{"invokeModel":{"body":"e30="},"converse":{"messages":[]}}}""", "exactly one member")]
    [InlineData("""{"nope":1}""", "'input'")]
    [InlineData("""{not json""", "Malformed input request")]
    // The decoded body is validated as an invoke's: here it has no messages.
    [InlineData("""{"input":{"invokeModel":{"body":"eyJhbnRocm9waWNfdmVyc2lvbiI6ImJlZHJvY2stMjAyMy0wNS0zMSJ9"}}}""", "messages")]
    public async Task CountTokens_BadEnvelope_Gets400ValidationException_AndNothingGoesUpstream(string envelope, string named)
    {
        using var response = await FrontDoor.PostAsync(FrontDoor.Client(fixture), CountPath(Haiku), envelope);

        var message = await FrontDoor.AssertAwsErrorAsync(response, 400, "ValidationException");
        Assert.Contains(named, message, StringComparison.Ordinal);
        Assert.Empty(Counts);
    }

    [Theory]
    [MemberData(nameof(BedrockFrontBadInputTests.HostileModelIds), MemberType = typeof(BedrockFrontBadInputTests))]
    public async Task CountTokens_HostileModelId_Gets400ValidationException_AndNothingGoesUpstream(string modelId)
    {
        using var response = await FrontDoor.PostAsync(FrontDoor.Client(fixture), CountPath(modelId), Envelope(CountBody));

        await FrontDoor.AssertAwsErrorAsync(response, 400, "ValidationException");
        Assert.Empty(Counts);
    }

    [Fact]
    public async Task CountTokens_WellFormedIdNoCredentialServes_Gets404ResourceNotFound()
    {
        using var response = await FrontDoor.PostAsync(FrontDoor.Client(fixture), CountPath("claude-9-mega"), Envelope(CountBody));

        var message = await FrontDoor.AssertAwsErrorAsync(response, 404, "ResourceNotFoundException");
        Assert.Contains("claude-9-mega", message, StringComparison.Ordinal);
        Assert.Empty(Counts);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-the-proxy-key")]
    public async Task CountTokens_WithoutTheProxyKey_IsRefusedInAwsShape_AndNothingGoesUpstream(string? authorization)
    {
        using var client = fixture.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, CountPath(Haiku)) { Content = new StringContent(Envelope(CountBody), Encoding.UTF8, "application/json") };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.SendAsync(request);

        await FrontDoor.AssertAwsErrorAsync(response, 403, "UnrecognizedClientException");
        Assert.Empty(Counts);
    }

    [Fact]
    public async Task CountTokens_EnvelopeOfABodyAtTheInvokeLimit_IsStillCounted()
    {
        // Base64 makes the envelope a third larger than the body: a body an invoke takes must still be countable.
        var text = new string('x', (int)(GatewayFixture.MaxBodyBytes * 9 / 10));
        var body = $$"""{"anthropic_version":"bedrock-2023-05-31","messages":[{"role":"user","content":"{{text}}"}]}""";

        var (status, answer, _) = await CountAsync(Haiku, Envelope(body));

        Assert.True(Envelope(body).Length > GatewayFixture.MaxBodyBytes);
        Assert.Equal(200, status);
        Assert.Equal(Assert.Single(Counts).InputTokens, answer.GetProperty("inputTokens").GetInt64());
    }
}
