using System.Net;
using OrleansProxy.Testing.FakeBedrock.Tests.TestSupport;

namespace OrleansProxy.Testing.FakeBedrock.Tests.Models;

/// <summary>Which model ids a key may call, and how Bedrock refuses the others.</summary>
public sealed class ModelCatalogTests : FakeBedrockTest
{
    private const string InvalidIdentifier = "The provided model identifier is invalid.";

    [Theory]
    [InlineData("anthropic.claude-v2")]
    [InlineData("anthropic.claude-v2%3A1")]
    [InlineData("anthropic.claude-instant-v1")]
    public async Task Invoke_ClaudeTwoOrInstant_AcceptsBothBodyDialects(string modelIdInPath)
    {
        using var messages = await Us().InvokeAsync(modelIdInPath, Bodies.Messages());
        using var completion = await Us().InvokeAsync(modelIdInPath, Bodies.TextCompletion());

        Assert.Equal(HttpStatusCode.OK, messages.StatusCode);
        Assert.Equal(HttpStatusCode.OK, completion.StatusCode);
    }

    [Fact]
    public async Task Invoke_RetiredClaudeV1_EndOfLife()
    {
        using var response = await Us().InvokeAsync("anthropic.claude-v1", Bodies.TextCompletion());

        await AwsErrorAssert.IsAsync(response, HttpStatusCode.NotFound, "ResourceNotFoundException",
            "This model version has reached the end of its life. Please refer to the AWS documentation for more details.");
    }

    [Fact]
    public async Task Invoke_TextCompletionsBodyToMessagesOnlyModel_UseMessagesApi()
    {
        using var response = await Us().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.TextCompletion());

        await AwsErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "ValidationException",
            "\"claude-3-haiku-20240307\" is not supported on this API. Please use the Messages API instead.");
    }

    [Theory]
    [InlineData("anthropic.claude-sonnet-4-20250514-v1:0")]
    [InlineData("anthropic.claude-opus-4-1-20250805-v1:0")]
    [InlineData("anthropic.claude-sonnet-4-5-20250929-v1:0")]
    [InlineData("anthropic.claude-haiku-4-5-20251001-v1:0")]
    [InlineData("anthropic.claude-3-7-sonnet-20250219-v1:0")]
    public async Task Invoke_ProfileOnlyModelByBaseId_OnDemandNotSupported(string modelId)
    {
        using var response = await Us().InvokeAsync(modelId.Replace(":", "%3A", StringComparison.Ordinal), Bodies.Messages());

        await AwsErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "ValidationException",
            $"Invocation of model ID {modelId} with on-demand throughput isn\u2019t supported. Retry your request with the ID or ARN of an inference profile that contains this model.");
    }

    [Fact]
    public async Task Invoke_UsProfileFromUsEast1_Accepted()
    {
        using var response = await Us().InvokeAsync("us." + Bodies.SonnetFour, Bodies.Messages());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("us." + Bodies.SonnetFour, Assert.Single(Server.Requests).ModelId);
    }

    [Fact]
    public async Task Invoke_UsProfileFromEuWest1_InvalidIdentifier()
    {
        using var response = await Eu().InvokeAsync("us." + Bodies.SonnetFour, Bodies.Messages());

        await AwsErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "ValidationException", InvalidIdentifier);
    }

    [Theory]
    [InlineData("eu", "eu-west-1", true)]
    [InlineData("eu", "us-east-1", false)]
    [InlineData("apac", "ap-southeast-1", true)]
    [InlineData("jp", "ap-northeast-1", true)]
    [InlineData("jp", "ap-southeast-1", false)]
    [InlineData("au", "ap-southeast-2", true)]
    [InlineData("au", "ap-northeast-1", false)]
    [InlineData("global", "eu-central-1", true)]
    [InlineData("global", "us-gov-west-1", false)]
    public async Task Invoke_GeographyProfile_AcceptedOnlyFromInsideTheGeography(string geography, string region, bool accepted)
    {
        Server.AddCredential("AKIAGEOGRAPHY", "geo-secret", region);
        var client = Client("AKIAGEOGRAPHY", "geo-secret", region);

        using var response = await client.InvokeAsync($"{geography}.anthropic.claude-sonnet-4-5-20250929-v1%3A0", Bodies.Messages());

        if (accepted)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            await AwsErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "ValidationException", InvalidIdentifier);
        }
    }

    [Fact]
    public async Task Invoke_ProfileOfAModelWithoutProfiles_InvalidIdentifier()
    {
        using var response = await Us().InvokeAsync("us.anthropic.claude-v2", Bodies.Messages());

        await AwsErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "ValidationException", InvalidIdentifier);
    }

    [Theory]
    [InlineData("anthropic.claude-9-imaginary-v1%3A0")]
    [InlineData("claude-3-haiku-20240307")]
    [InlineData("amazon.titan-text-express-v1")]
    public async Task Invoke_UnknownModelId_InvalidIdentifier(string modelIdInPath)
    {
        using var response = await Us().InvokeAsync(modelIdInPath, Bodies.Messages());

        await AwsErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "ValidationException", InvalidIdentifier);
    }
}
