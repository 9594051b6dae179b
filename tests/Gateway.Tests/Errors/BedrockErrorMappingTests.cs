using System.Text;
using OrleansProxy.Bedrock;
using OrleansProxy.Gateway.Errors;
using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.Tests.Errors;

public class BedrockErrorMappingTests
{
    [Theory]
    [InlineData(400, "ValidationException", 400, "invalid_request_error")]
    [InlineData(429, "ThrottlingException", 429, "rate_limit_error")]
    [InlineData(429, "ModelNotReadyException", 429, "rate_limit_error")]
    [InlineData(403, "AccessDeniedException", 403, "permission_error")]
    [InlineData(404, "ResourceNotFoundException", 404, "not_found_error")]
    [InlineData(408, "ModelTimeoutException", 504, "api_error")]
    [InlineData(503, "ServiceUnavailableException", 529, "overloaded_error")]
    [InlineData(424, "ModelErrorException", 500, "api_error")]
    [InlineData(424, "ModelStreamErrorException", 500, "api_error")]
    [InlineData(500, "InternalServerException", 500, "api_error")]
    [InlineData(418, "TeapotException", 502, "api_error")]
    public void FromBedrock_MapsTypeToStatusAndAnthropicType(int bedrockStatus, string bedrockType, int status, string type)
    {
        var error = BedrockErrorMapping.FromBedrock(new BedrockError(bedrockStatus, bedrockType, "details here"));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(type, error.Type);
        Assert.Equal("details here", error.Message);
    }

    [Fact]
    public void FromBedrock_StreamException_MapsLikeTheRestForm()
    {
        var error = BedrockErrorMapping.FromBedrock(BedrockError.FromStreamException("throttlingException", "Too many requests"));

        Assert.Equal(new ProxyError(429, "rate_limit_error", "Too many requests") { UpstreamType = "ThrottlingException" }, error);
    }

    [Theory]
    [InlineData("InvalidSignatureException")]
    [InlineData("UnrecognizedClientException")]
    [InlineData("ExpiredTokenException")]
    public void FromBedrock_CredentialFaults_NeverEchoBedrocksText(string type)
    {
        var error = BedrockErrorMapping.FromBedrock(new BedrockError(403, type,
            "The request signature we calculated does not match. The Canonical String for this request should have been 'POST /model/x/invoke x-amz-security-token:SECRET'"));

        Assert.Equal(new ProxyError(502, "api_error", "The proxy could not authenticate to Bedrock."), error);
    }

    [Fact]
    public void FromBedrock_MasksArnsAndAccessKeyIds()
    {
        var error = BedrockErrorMapping.FromBedrock(new BedrockError(403, "AccessDeniedException",
            "User: arn:aws:iam::123456789012:user/pool-7 is not authorized to perform: bedrock:InvokeModel with key AKIAABCDEFGHIJKLMNOP"));

        Assert.Equal("User: arn:… is not authorized to perform: bedrock:InvokeModel with key AKIA…", error.Message);
    }

    [Theory]
    [InlineData("Input is too long for requested model.", "prompt is too long: Input is too long for requested model.")]
    [InlineData("The model returned the following errors: input is too long for requested model.",
        "prompt is too long: The model returned the following errors: input is too long for requested model.")]
    [InlineData("prompt is too long: 210000 tokens > 200000 maximum", "prompt is too long: 210000 tokens > 200000 maximum")]
    [InlineData("messages.0.content: Field required", "messages.0.content: Field required")]
    public void FromBedrock_ContextWindowRefusal_UsesAnthropicsWording_OthersPassUnchanged(string bedrock, string expected)
    {
        var error = BedrockErrorMapping.FromBedrock(new BedrockError(400, "ValidationException", bedrock));

        Assert.Equal((400, "invalid_request_error", expected), (error.StatusCode, error.Type, error.Message));
    }

    [Fact]
    public void ContextWindowRefusal_AnthropicAndOpenAiGetTheRewording_TheBedrockDialectGetsBedrocksOwnText()
    {
        var error = BedrockErrorMapping.FromBedrock(new BedrockError(400, "ValidationException", "Input is too long for requested model."));

        Assert.Equal("prompt is too long: Input is too long for requested model.", Message(ErrorBodies.For(ClientDialect.AnthropicMessages, error), "error"));
        Assert.Equal("prompt is too long: Input is too long for requested model.", Message(ErrorBodies.For(ClientDialect.OpenAiChat, error), "error"));
        Assert.Equal("Input is too long for requested model.", Message(ErrorBodies.For(ClientDialect.BedrockInvoke, error), null));
        Assert.Equal((400, "ValidationException"), OrleansProxy.Gateway.BedrockFront.AwsRestJsonErrors.Classify(error));
    }

    [Fact]
    public void FromBedrock_MessageNotReworded_KeepsNoSecondCopy()
    {
        var error = BedrockErrorMapping.FromBedrock(new BedrockError(400, "ValidationException", "messages.0.content: Field required"));

        Assert.Null(error.UpstreamMessage);
        Assert.Equal("messages.0.content: Field required", Message(ErrorBodies.For(ClientDialect.BedrockInvoke, error), null));
    }

    [Fact]
    public void FromBedrock_ProxysOwnErrors_AreNotTakenForBedrocks()
    {
        // A Bedrock text on a proxy error (no UpstreamType) is ignored: only Bedrock's answers carry Bedrock's words.
        var error = ProxyError.InvalidRequest("proxy text") with { UpstreamMessage = "bedrock text" };

        Assert.Equal("proxy text", Message(ErrorBodies.For(ClientDialect.BedrockInvoke, error), null));
    }

    private static string Message(byte[] body, string? wrapper)
    {
        using var json = System.Text.Json.JsonDocument.Parse(body);
        var root = wrapper is null ? json.RootElement : json.RootElement.GetProperty(wrapper);
        return root.GetProperty("message").GetString()!;
    }

    [Fact]
    public void FromBedrock_CapsLongMessages()
    {
        var error = BedrockErrorMapping.FromBedrock(new BedrockError(400, "ValidationException", new string('x', 5000)));

        Assert.Equal(1000, error.Message.Length);
        Assert.EndsWith("…", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBedrock_EmptyMessage_GetsADefault()
    {
        var error = BedrockErrorMapping.FromBedrock(new BedrockError(503, "ServiceUnavailableException", ""));

        Assert.Equal("Overloaded", error.Message);
    }

    [Fact]
    public void ForCorruptStream_Is502ApiError()
    {
        var error = BedrockErrorMapping.ForCorruptStream("checksum mismatch");

        Assert.Equal(new ProxyError(502, "api_error", "Bedrock's response stream was corrupted: checksum mismatch"), error);
    }

    [Fact]
    public void ErrorBodies_RenderEachDialect()
    {
        var error = new ProxyError(404, "not_found_error", "model: x is not a model this proxy serves");

        Assert.Equal("""{"type":"error","error":{"type":"not_found_error","message":"model: x is not a model this proxy serves"}}""",
            Encoding.UTF8.GetString(ErrorBodies.Anthropic(error)));
        Assert.Equal("""{"error":{"message":"model: x is not a model this proxy serves","type":"not_found_error","param":null,"code":"model_not_found"}}""",
            Encoding.UTF8.GetString(ErrorBodies.OpenAi(error)));
        Assert.Equal(ErrorBodies.OpenAi(error), ErrorBodies.For(ClientDialect.OpenAiChat, error));
        Assert.Equal(ErrorBodies.Anthropic(error), ErrorBodies.For(ClientDialect.AnthropicTextCompletions, error));
    }

    [Fact]
    public void ErrorBodies_EscapeMessageText()
    {
        var body = ErrorBodies.Anthropic(ProxyError.InvalidRequest("bad \"quote\"\n and é"));

        Assert.Equal("""{"type":"error","error":{"type":"invalid_request_error","message":"bad \"quote\"\n and é"}}""",
            Encoding.UTF8.GetString(body));
    }
}
