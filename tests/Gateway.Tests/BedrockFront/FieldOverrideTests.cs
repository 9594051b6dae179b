using System.Text;
using System.Text.Json;
using OrleansProxy.Gateway.Tests.EndToEnd;
using OrleansProxy.Testing.FakeBedrock.Recording;

namespace OrleansProxy.Gateway.Tests.BedrockFront;

/// <summary>A gateway whose operator made <c>service_tier</c> strict with <c>FIELDS</c>; every other rule stays built in.</summary>
public sealed class StrictFieldsGatewayFixture : GatewayFixture
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>
    {
        ["FIELDS"] = "service_tier=refuse",
    };
}

[CollectionDefinition(Name)]
public sealed class StrictFieldsGatewayCollection : ICollectionFixture<StrictFieldsGatewayFixture>
{
    public const string Name = "gateway-strict-fields";
}

/// <summary>
/// <c>FIELDS</c> overrides hold on every door that takes a Messages body: the Anthropic endpoint and the Bedrock front
/// door (both invoke operations) refuse the field in their own error shape before anything is leased or sent, and the
/// rules the operator did not touch keep their built-in action.
/// </summary>
[Collection(StrictFieldsGatewayCollection.Name)]
public sealed class FieldOverrideTests(StrictFieldsGatewayFixture fixture) : IAsyncLifetime
{
    private const string Haiku = "anthropic.claude-3-haiku-20240307-v1:0";

    private const string WithServiceTier =
        """{"anthropic_version":"bedrock-2023-05-31","max_tokens":20,"service_tier":"auto","messages":[{"role":"user","content":"strict"}]}""";

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FrontDoor_RefusedField_Gets400ValidationException_AndNothingGoesUpstream(bool stream)
    {
        using var response = await FrontDoor.PostAsync(FrontDoor.Client(fixture), FrontDoor.InvokePath(Haiku, stream), WithServiceTier);

        var message = await FrontDoor.AssertAwsErrorAsync(response, 400, "ValidationException");
        Assert.Contains("service_tier", message, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Bedrock.Requests, r => r.Operation is FakeOperation.Invoke or FakeOperation.InvokeStream);
    }

    [Fact]
    public async Task MessagesEndpoint_RefusedField_Gets400InvalidRequestError_AndNothingGoesUpstream()
    {
        using var client = fixture.CreateClient();
        using var response = await client.PostAsync("/proxy/aws/claude/v1/messages",
            new StringContent(WithServiceTier.Replace("anthropic_version", "model").Replace("bedrock-2023-05-31", "claude-3-haiku-20240307"),
                Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == System.Net.HttpStatusCode.BadRequest, text);
        using var json = JsonDocument.Parse(text);
        Assert.Equal("error", json.RootElement.GetProperty("type").GetString());
        Assert.Equal("invalid_request_error", json.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("service_tier", json.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Bedrock.Requests, r => r.Operation is FakeOperation.Invoke or FakeOperation.InvokeStream);
    }

    [Fact]
    public async Task FrontDoor_FieldsTheOperatorLeftAlone_KeepTheirBuiltInRule()
    {
        // metadata is dropped by the built-in rules; overriding service_tier must not change that.
        using var response = await FrontDoor.PostAsync(FrontDoor.Client(fixture), FrontDoor.InvokePath(Haiku),
            """{"anthropic_version":"bedrock-2023-05-31","max_tokens":20,"metadata":{"user_id":"u"},"messages":[{"role":"user","content":"lenient"}]}""");

        Assert.Equal(200, (int)response.StatusCode);
        var call = Assert.Single(fixture.Bedrock.Requests, r => r.Operation == FakeOperation.Invoke);
        using var sent = JsonDocument.Parse(call.Body);
        Assert.False(sent.RootElement.TryGetProperty("metadata", out _));
    }
}
