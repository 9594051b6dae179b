using System.Text;
using System.Text.Json;
using OrleansProxy.Bedrock;
using OrleansProxy.Gateway.TokenCounting;

namespace OrleansProxy.Gateway.Tests.TokenCounting;

public class TokenCounterTests
{
    [Fact]
    public void Envelope_IsBedrocksInvokeModelInputWithTheBodyInBase64()
    {
        var body = Encoding.UTF8.GetBytes("""{"anthropic_version":"bedrock-2023-05-31","max_tokens":1024,"messages":[{"role":"user","content":"Hi ✓"}]}""");

        using var envelope = JsonDocument.Parse(TokenCounter.Envelope(body));

        var input = Assert.Single(envelope.RootElement.EnumerateObject());
        Assert.Equal("input", input.Name);
        var invokeModel = Assert.Single(input.Value.EnumerateObject());
        Assert.Equal("invokeModel", invokeModel.Name);
        Assert.Equal(body, invokeModel.Value.GetProperty("body").GetBytesFromBase64());
    }

    [Theory]
    [InlineData("ValidationException", "The provided model doesn't support counting tokens.", true)]
    [InlineData("ValidationException", "Document input not supported for token counting", true)]
    [InlineData("ValidationException", "messages.0.content: Field required", false)]
    [InlineData("AccessDeniedException", "You don't have access to the model with the specified model ID.", false)]
    public void IsCountingUnsupported_OnlyBedrocksCountingRefusals(string type, string message, bool expected) =>
        Assert.Equal(expected, TokenCounter.IsCountingUnsupported(new BedrockError(400, type, message)));
}
