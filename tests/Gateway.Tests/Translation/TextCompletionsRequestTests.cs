using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.Tests.Translation;

public class TextCompletionsRequestTests
{
    [Fact]
    public void Parse_LegacyModel_SendsLegacyBodyWithOnlyItsFields()
    {
        var request = Requests.Ok(ClientDialect.AnthropicTextCompletions, """
            {"model":"claude-2.1","prompt":"\n\nHuman: Hi\n\nAssistant:","max_tokens_to_sample":300,"stream":true,
             "stop_sequences":["\n\nHuman:"],"temperature":0.2,"top_p":0.9,"top_k":5,"metadata":{"user_id":"x"}}
            """);

        Assert.Equal(
            """{"prompt":"\n\nHuman: Hi\n\nAssistant:","max_tokens_to_sample":300,"stop_sequences":["\n\nHuman:"],"temperature":0.2,"top_p":0.9,"top_k":5}""",
            Requests.Body(request));
        Assert.Equal(UpstreamBody.TextCompletions, request.UpstreamBody);
        Assert.Equal(ClientDialect.AnthropicTextCompletions, request.Dialect);
        Assert.True(request.Stream);
        Assert.Equal(300, request.MaxTokens);
    }

    [Fact]
    public void Parse_LegacyModelWithPrefill_KeepsThePromptAsIs()
    {
        var request = Requests.Ok(ClientDialect.AnthropicTextCompletions,
            """{"model":"claude-instant-1.2","prompt":"\n\nHuman: JSON please\n\nAssistant: {","max_tokens_to_sample":20}""");

        Assert.Equal("""{"prompt":"\n\nHuman: JSON please\n\nAssistant: {","max_tokens_to_sample":20}""", Requests.Body(request));
    }

    [Fact]
    public void Parse_MessagesOnlyModel_ConvertsPromptToMessages()
    {
        var request = Requests.Ok(ClientDialect.AnthropicTextCompletions, """
            {"model":"claude-3-haiku-20240307","max_tokens_to_sample":256,"temperature":0.1,"stop_sequences":["\n\nHuman:"],
             "prompt":"You are a pirate.\n\nHuman: Hello\n\nAssistant: Arr!\n\nHuman: Where is the gold?\n\nAssistant:"}
            """);

        Assert.Equal(
            """{"anthropic_version":"bedrock-2023-05-31","system":"You are a pirate.","messages":[{"role":"user","content":"Hello"},{"role":"assistant","content":"Arr!"},{"role":"user","content":"Where is the gold?"}],"max_tokens":256,"temperature":0.1,"stop_sequences":["\n\nHuman:"]}""",
            Requests.Body(request));
        Assert.Equal(UpstreamBody.Messages, request.UpstreamBody);
        Assert.Equal(ClientDialect.AnthropicTextCompletions, request.Dialect);
        Assert.Equal(256, request.MaxTokens);
    }

    [Fact]
    public void Parse_MessagesOnlyModel_KeepsNonEmptyFinalAssistantTurnAsPrefill()
    {
        var request = Requests.Ok(ClientDialect.AnthropicTextCompletions,
            """{"model":"claude-3-haiku","max_tokens_to_sample":20,"prompt":"\n\nHuman: List three colours as JSON.\n\nAssistant: [ "}""");

        Assert.Equal(
            """{"anthropic_version":"bedrock-2023-05-31","messages":[{"role":"user","content":"List three colours as JSON."},{"role":"assistant","content":"["}],"max_tokens":20}""",
            Requests.Body(request));
    }

    [Fact]
    public void Parse_MessagesOnlyModel_MergesConsecutiveSameRoleTurnsAndSkipsBlankOnes()
    {
        var request = Requests.Ok(ClientDialect.AnthropicTextCompletions,
            """{"model":"claude-3-haiku","max_tokens_to_sample":20,"prompt":"\n\nHuman: one\n\nHuman: two\n\nAssistant:\n\nHuman: three\n\nAssistant:  "}""");

        Assert.Equal(
            """{"anthropic_version":"bedrock-2023-05-31","messages":[{"role":"user","content":"one\n\ntwo\n\nthree"}],"max_tokens":20}""",
            Requests.Body(request));
    }

    [Theory]
    [InlineData("""{"model":"claude-2.1","max_tokens_to_sample":10}""", "prompt: Field required")]
    [InlineData("""{"model":"claude-2.1","prompt":["x"],"max_tokens_to_sample":10}""", "prompt: Input should be a valid string")]
    [InlineData("""{"model":"claude-2.1","prompt":"\n\nHuman: Hi\n\nAssistant:"}""", "max_tokens_to_sample: Field required")]
    [InlineData("""{"model":"claude-2.1","prompt":"\n\nHuman: Hi\n\nAssistant:","max_tokens_to_sample":"10"}""", "max_tokens_to_sample: Input should be a valid integer")]
    [InlineData("""{"model":"claude-2.1","prompt":"Hello there","max_tokens_to_sample":10}""", "prompt: prompt must contain a \"\\n\\nHuman:\" turn")]
    [InlineData("""{"model":"claude-2.1","prompt":"\n\nHuman: Hi","max_tokens_to_sample":10}""", "prompt: prompt must end with a \"\\n\\nAssistant:\" turn")]
    [InlineData("""{"model":"claude-3-haiku","prompt":"\n\nHuman: Hi\n\nAssistant: ok\n\nHuman: more","max_tokens_to_sample":10}""", "prompt: prompt must end with a \"\\n\\nAssistant:\" turn")]
    [InlineData("""{"model":"claude-2.1","prompt":"\n\nAssistant: hi\n\nHuman: Hi\n\nAssistant:","max_tokens_to_sample":10}""", "prompt: prompt must start with a \"\\n\\nHuman:\" turn after an optional system prompt")]
    [InlineData("""{"model":"claude-3-haiku","prompt":"\n\nHuman:  \n\nAssistant:","max_tokens_to_sample":10}""", "prompt: the first \"\\n\\nHuman:\" turn has no text")]
    [InlineData("""{"model":"claude-2.1","prompt":"\n\nHuman: Hi\n\nAssistant:","max_tokens_to_sample":10,"stop_sequences":"x"}""", "stop_sequences: Input should be a valid list")]
    public void Parse_BadField_Returns400NamingIt(string json, string message)
    {
        var error = Requests.Fails(ClientDialect.AnthropicTextCompletions, json);

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("invalid_request_error", error.Type);
        Assert.Equal(message, error.Message);
    }
}
