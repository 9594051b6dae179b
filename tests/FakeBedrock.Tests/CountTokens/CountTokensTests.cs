using System.Net;
using System.Text;
using System.Text.Json;
using OrleansProxy.Testing.FakeBedrock.Behaviour;
using OrleansProxy.Testing.FakeBedrock.Recording;
using OrleansProxy.Testing.FakeBedrock.Tests.TestSupport;

namespace OrleansProxy.Testing.FakeBedrock.Tests.CountTokens;

/// <summary>CountTokens: Bedrock's envelope, its refusals, and counts that agree with what an invocation reports.</summary>
public sealed class CountTokensTests : FakeBedrockTest
{
    private const string NotSupported = "The provided model doesn't support counting tokens.";

    private static string Envelope(string invokeBody) =>
        """{"input":{"invokeModel":{"body":""" + "\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes(invokeBody)) + "\"}}}";

    private static Task<HttpResponseMessage> CountAsync(BedrockClient client, string modelIdInPath, string envelope) =>
        client.SendAsync(client.Signed(HttpMethod.Post, $"/model/{modelIdInPath}/count-tokens", Encoding.UTF8.GetBytes(envelope)),
            HttpCompletionOption.ResponseContentRead, default);

    [Fact]
    public async Task CountTokens_ValidBody_CountMatchesTheInvocationsInputTokens()
    {
        var body = Bodies.Messages("How many tokens does this sentence take, fake model?");

        using var counted = await CountAsync(Us(), Bodies.Claude3HaikuInPath, Envelope(body));
        using var invoked = await Us().InvokeAsync(Bodies.Claude3HaikuInPath, body);

        Assert.Equal(HttpStatusCode.OK, counted.StatusCode);
        using var count = JsonDocument.Parse(await counted.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Object, count.RootElement.ValueKind);
        Assert.Single(count.RootElement.EnumerateObject());
        var tokens = count.RootElement.GetProperty("inputTokens").GetInt32();
        Assert.Equal(invoked.Headers.GetValues("x-amzn-bedrock-input-token-count").Single(), tokens.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var record = Server.Requests.First(r => r.Operation == FakeOperation.CountTokens);
        Assert.Equal(Bodies.Claude3Haiku, record.ModelId);
        Assert.Equal(tokens, record.InputTokens);
        Assert.Equal(1, Server.Credential(UsKey).CountTokensCalls);
    }

    [Theory]
    [InlineData("us.anthropic.claude-3-haiku-20240307-v1%3A0")]
    [InlineData("global.anthropic.claude-sonnet-4-5-20250929-v1%3A0")]
    [InlineData("anthropic.claude-opus-4-7")]
    [InlineData("anthropic.claude-opus-5-5")]
    public async Task CountTokens_ProfileIdOrModelWithoutCounting_RefusedWithBedrocksWording(string modelIdInPath)
    {
        using var response = await CountAsync(Us(), modelIdInPath, Envelope(Bodies.Messages()));

        await AwsErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "ValidationException", NotSupported);
    }

    [Theory]
    [InlineData("anthropic.claude-sonnet-4-5-20250929-v1%3A0")]
    [InlineData("anthropic.claude-sonnet-4-6")]
    public async Task CountTokens_ProfileOnlyModelByBaseId_Counted(string modelIdInPath)
    {
        using var response = await CountAsync(Us(), modelIdInPath, Envelope(Bodies.Messages()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("{}", "1 validation error detected: Value null at 'input' failed to satisfy constraint: Member must not be null")]
    [InlineData("""{"input":{}}""", "1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have exactly one member set")]
    [InlineData("""{"input":{"invokeModel":{}}}""", "1 validation error detected: Value null at 'input.invokeModel.body' failed to satisfy constraint: Member must not be null")]
    [InlineData("""{"input":{"invokeModel":{"body":"%%not base64%%"}}}""", "Malformed input request, please reformat your input and try again.")]
    [InlineData("{not json", "Malformed input request, please reformat your input and try again.")]
    public async Task CountTokens_BadEnvelope_ValidationException(string envelope, string message)
    {
        using var response = await CountAsync(Us(), Bodies.Claude3HaikuInPath, envelope);

        await AwsErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "ValidationException", message);
    }

    [Fact]
    public async Task CountTokens_InvokeBodyWithoutMaxTokens_RefusedAsInvokeWouldBe()
    {
        using var response = await CountAsync(Us(), Bodies.Claude3HaikuInPath,
            Envelope("""{"anthropic_version":"bedrock-2023-05-31","messages":[{"role":"user","content":"hi"}]}"""));

        var message = await AwsErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "ValidationException");
        Assert.Contains("required key [max_tokens] not found", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CountTokens_DeniedModel_AccessDenied()
    {
        Server.Credential(UsKey).DeniedModels.Add("anthropic.claude-3-haiku");

        using var response = await CountAsync(Us(), Bodies.Claude3HaikuInPath, Envelope(Bodies.Messages()));

        await AwsErrorAssert.IsAsync(response, HttpStatusCode.Forbidden, "AccessDeniedException",
            "You don't have access to the model with the specified model ID.");
    }

    [Fact]
    public async Task CountTokens_ThrottleInjected_OnlyCountTokensIsThrottled()
    {
        var account = Server.Credential(UsKey);
        account.ThrottleCountTokensNext(1);
        account.ThrottleNext(1);

        using var first = await CountAsync(Us(), Bodies.Claude3HaikuInPath, Envelope(Bodies.Messages()));
        using var second = await CountAsync(Us(), Bodies.Claude3HaikuInPath, Envelope(Bodies.Messages()));

        await AwsErrorAssert.IsAsync(first, HttpStatusCode.TooManyRequests, "ThrottlingException", "Too many requests, please wait before trying again.");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        // The invocation throttle queued before is still there: counting did not use it up.
        Assert.Equal(1, account.PendingThrottles);
    }

    [Fact]
    public async Task CountTokens_FaultInjected_AnswersTheFaultOnce()
    {
        Server.Credential(UsKey).FailCountTokensNext(1, FakeFault.ServiceUnavailable);

        using var first = await CountAsync(Us(), Bodies.Claude3HaikuInPath, Envelope(Bodies.Messages()));
        using var second = await CountAsync(Us(), Bodies.Claude3HaikuInPath, Envelope(Bodies.Messages()));

        await AwsErrorAssert.IsAsync(first, HttpStatusCode.ServiceUnavailable, "ServiceUnavailableException");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task CountTokens_BadSignature_Refused()
    {
        var client = Us();
        client.SecretAccessKey = "wrong-secret/K7MDENG+bPxRfiCYEXAMPLEKEY";

        using var response = await CountAsync(client, Bodies.Claude3HaikuInPath, Envelope(Bodies.Messages()));

        await AwsErrorAssert.IsAsync(response, HttpStatusCode.Forbidden, "InvalidSignatureException");
        Assert.Equal(0, Server.Credential(UsKey).CountTokensCalls);
    }
}
