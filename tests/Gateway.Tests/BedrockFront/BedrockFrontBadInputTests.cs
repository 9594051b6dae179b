using System.Text;
using OrleansProxy.Gateway.Tests.EndToEnd;
using OrleansProxy.Testing.FakeBedrock.Recording;

namespace OrleansProxy.Gateway.Tests.BedrockFront;

/// <summary>Hostile model ids, bodies and routes: each gets its 4xx in AWS's REST-JSON shape and never reaches the fake.</summary>
[Collection(GatewayCollection.Name)]
public sealed class BedrockFrontBadInputTests(GatewayFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string> HostileModelIds => new()
    {
        // ARNs, plain and with the slash encoded (AWS SDKs encode it).
        "arn:aws:bedrock:us-east-1:123456789012:inference-profile%2Fus.anthropic.claude-3-haiku-20240307-v1:0",
        "arn:aws:bedrock:us-east-1::foundation-model%2Fanthropic.claude-3-haiku-20240307-v1:0",
        // Path tricks: encoded slashes and dot segments, a smuggled query, an encoded NUL, spaces.
        "anthropic.claude-3-haiku-20240307-v1:0%2F..%2F..%2Flogging%2Fmodelinvocations",
        "%2E%2E%2Flogging",
        "..%2F..%2Flogging",
        "anthropic.claude-3-haiku-20240307-v1:0%3Fx=1",
        "anthropic.claude-3-haiku-20240307-v1:0%0A",
        "anthropic.claude-3-haiku-20240307-v1:0%20",
        "anthropic.claude-3-haiku-20240307-v1%253A0",
        // Overly long, unknown, retired.
        "anthropic." + new string('a', 300),
        "gpt-4o",
        "anthropic.claude-v1",
    };

    [Theory]
    [MemberData(nameof(HostileModelIds))]
    public async Task HostileModelId_Gets400ValidationException_AndNeverReachesBedrock(string modelId)
    {
        foreach (var stream in new[] { false, true })
        {
            using var response = await FrontDoor.PostAsync(FrontDoor.Client(fixture), FrontDoor.InvokePath(modelId, stream), FrontDoor.HaikuBody);

            await FrontDoor.AssertAwsErrorAsync(response, 400, "ValidationException");
        }

        AssertNothingInvoked();
    }

    [Fact]
    public async Task WellFormedIdNoCredentialServes_Gets404ResourceNotFound_NamingIt_AndNeverReachesBedrock()
    {
        using var response = await FrontDoor.PostAsync(FrontDoor.Client(fixture), FrontDoor.InvokePath("claude-9-mega"), FrontDoor.HaikuBody);

        var message = await FrontDoor.AssertAwsErrorAsync(response, 404, "ResourceNotFoundException");
        Assert.Contains("claude-9-mega", message, StringComparison.Ordinal);
        AssertNothingInvoked();
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2,3]")]
    [InlineData("""{"anthropic_version":"bedrock-2023-05-31","max_tokens":"20","messages":[]}""")]
    [InlineData("""{"anthropic_version":"bedrock-2023-05-31","max_tokens":0,"messages":[]}""")]
    [InlineData("""{"max_tokens":20,"max_tokens":30}""")]
    [InlineData("")]
    public async Task BadBody_Gets400ValidationException_AndNeverReachesBedrock(string body)
    {
        using var response = await FrontDoor.PostAsync(FrontDoor.Client(fixture), FrontDoor.InvokePath("anthropic.claude-3-haiku-20240307-v1:0"), body);

        await FrontDoor.AssertAwsErrorAsync(response, 400, "ValidationException");
        AssertNothingInvoked();
    }

    [Fact]
    public async Task OversizedBody_Gets400ValidationException()
    {
        var padding = new string('x', (int)GatewayFixture.MaxBodyBytes);
        using var response = await FrontDoor.PostAsync(FrontDoor.Client(fixture), FrontDoor.InvokePath("anthropic.claude-3-haiku-20240307-v1:0"),
            $$"""{"max_tokens":10,"messages":[{"role":"user","content":"{{padding}}"}]}""");

        await FrontDoor.AssertAwsErrorAsync(response, 400, "ValidationException");
        AssertNothingInvoked();
    }

    [Theory]
    [InlineData("GET", "/model/anthropic.claude-3-haiku-20240307-v1:0/invoke")]
    [InlineData("POST", "/model/anthropic.claude-3-haiku-20240307-v1:0/converse")]
    [InlineData("POST", "/model/us.anthropic/claude-3-haiku-20240307-v1:0/invoke")]
    [InlineData("DELETE", "/inference-profiles")]
    [InlineData("GET", "/guardrails")]
    [InlineData("GET", "")]
    [InlineData("POST", "/model/../invoke")]
    public async Task UnknownOperation_Gets404UnknownOperationException(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), FrontDoor.Base + path)
        {
            Content = method == "GET" ? null : new StringContent(FrontDoor.HaikuBody, Encoding.UTF8, "application/json"),
        };
        using var response = await FrontDoor.Client(fixture).SendAsync(request);

        await FrontDoor.AssertAwsErrorAsync(response, 404, "UnknownOperationException");
        AssertNothingInvoked();
    }

    private void AssertNothingInvoked() =>
        Assert.DoesNotContain(fixture.Bedrock.Requests, r => r.Operation is FakeOperation.Invoke or FakeOperation.InvokeStream);
}
