using System.Net;
using OrleansProxy.Testing.FakeBedrock.Tests.TestSupport;

namespace OrleansProxy.Testing.FakeBedrock.Tests.Behaviour;

/// <summary>
/// The product's free access probe (<c>max_tokens: -1</c>): validation runs after authentication and
/// access checks but before inference, so each answer tells the product something different.
/// </summary>
public sealed class AccessProbeTests : FakeBedrockTest
{
    [Fact]
    public async Task Probe_KeyHasAccess_ValidationExceptionNamingMaxTokens()
    {
        using var response = await Us().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Probe());

        var message = await AwsErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "ValidationException");
        Assert.Contains("max_tokens", message, StringComparison.Ordinal);
        Assert.Equal(0, Assert.Single(Server.Requests).OutputTokens);
        Assert.Equal(0, Server.Credential(UsKey).SuccessfulInvocations);
    }

    [Fact]
    public async Task Probe_ModelDenied_AccessDenied()
    {
        Server.Credential(UsKey).DeniedModels.Add(Bodies.Claude3Haiku);

        using var response = await Us().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Probe());

        await AwsErrorAssert.IsAsync(response, HttpStatusCode.Forbidden, "AccessDeniedException",
            "You don't have access to the model with the specified model ID.");
    }

    [Fact]
    public async Task Probe_ModelNotInRegion_ResourceNotFound()
    {
        Server.Credential(UsKey).ModelsNotInRegion.Add(Bodies.Claude3Haiku);

        using var response = await Us().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Probe());

        await AwsErrorAssert.IsAsync(response, HttpStatusCode.NotFound, "ResourceNotFoundException");
    }

    [Fact]
    public async Task Probe_KeyRevoked_UnrecognizedClient()
    {
        Server.Credential(UsKey).Revoked = true;

        using var response = await Us().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Probe());

        await AwsErrorAssert.IsAsync(response, HttpStatusCode.Forbidden, "UnrecognizedClientException",
            "The security token included in the request is invalid.");
        Assert.Equal(UsKey, Assert.Single(Server.Requests).AccessKeyId);
    }

    [Fact]
    public async Task Probe_KeyThrottled_StillProvesAccessAndKeepsTheThrottle()
    {
        var account = Server.Credential(UsKey);
        account.ThrottleNext(1);

        using var probe = await Us().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Probe());
        using var invoke = await Us().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages());

        await AwsErrorAssert.IsAsync(probe, HttpStatusCode.BadRequest, "ValidationException");
        await AwsErrorAssert.IsAsync(invoke, (HttpStatusCode)429, "ThrottlingException");
    }
}
