using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.Tests.Translation;

public class RequestValidationTests
{
    private const string Messages = """[{"role":"user","content":"Hi"}]""";

    [Theory]
    [InlineData("""{"model":"claude-3-haiku","messages":[{"role":"user","content":"Hi"}]}""", "max_tokens: Field required")]
    [InlineData("""{"model":"claude-3-haiku","max_tokens":"10","messages":[{"role":"user","content":"Hi"}]}""", "max_tokens: Input should be a valid integer")]
    [InlineData("""{"model":"claude-3-haiku","max_tokens":1.5,"messages":[{"role":"user","content":"Hi"}]}""", "max_tokens: Input should be a valid integer")]
    [InlineData("""{"model":"claude-3-haiku","max_tokens":0,"messages":[{"role":"user","content":"Hi"}]}""", "max_tokens: Input should be greater than or equal to 1")]
    [InlineData("""{"model":"claude-3-haiku","max_tokens":10}""", "messages: Field required")]
    [InlineData("""{"model":"claude-3-haiku","max_tokens":10,"messages":{}}""", "messages: Input should be a valid list")]
    [InlineData("""{"model":"claude-3-haiku","max_tokens":10,"messages":[]}""", "messages: at least one message is required")]
    [InlineData("""{"model":"claude-3-haiku","max_tokens":10,"messages":["hi"]}""", "messages.0: Input should be a valid dictionary")]
    [InlineData("""{"model":"claude-3-haiku","max_tokens":10,"messages":[{"content":"Hi"}]}""", "messages.0.role: Field required")]
    [InlineData("""{"model":"claude-3-haiku","max_tokens":10,"messages":[{"role":"user","content":"a"},{"role":"tool","content":"Hi"}]}""", "messages.1.role: Input should be 'user', 'assistant' or 'system'")]
    [InlineData("""{"model":"claude-3-haiku","max_tokens":10,"messages":[{"role":"user"}]}""", "messages.0.content: Field required")]
    [InlineData("""{"model":"claude-3-haiku","max_tokens":10,"messages":[{"role":"user","content":5}]}""", "messages.0.content: Input should be a valid string or a list of content blocks")]
    [InlineData("""{"model":"claude-3-haiku","max_tokens":10,"messages":[{"role":"user","content":[{"type":"text","text":"a"},7]}]}""", "messages.0.content.1: Input should be a valid dictionary")]
    [InlineData("""{"model":"claude-3-haiku","max_tokens":10,"messages":[{"role":"user","content":[{"text":"a"}]}]}""", "messages.0.content.0.type: Field required")]
    [InlineData("""{"max_tokens":10,"messages":[{"role":"user","content":"Hi"}]}""", "model: Field required")]
    [InlineData("""{"model":7,"max_tokens":10,"messages":[{"role":"user","content":"Hi"}]}""", "model: Input should be a valid string")]
    [InlineData("""{"model":"claude-3-haiku","max_tokens":10,"stream":"yes","messages":[{"role":"user","content":"Hi"}]}""", "stream: Input should be a valid boolean")]
    [InlineData("""{"model":"claude-3-haiku","max_tokens":10,"temperature":"hot","messages":[{"role":"user","content":"Hi"}]}""", "temperature: Input should be a valid number")]
    [InlineData("""{"model":"claude-3-haiku","max_tokens":10,"top_k":1.5,"messages":[{"role":"user","content":"Hi"}]}""", "top_k: Input should be a valid integer")]
    [InlineData("""{"model":"claude-3-haiku","max_tokens":10,"stop_sequences":["a",1],"messages":[{"role":"user","content":"Hi"}]}""", "stop_sequences.1: Input should be a valid string")]
    [InlineData("""{"model":"claude-3-haiku","max_tokens":10,"system":5,"messages":[{"role":"user","content":"Hi"}]}""", "system: Input should be a valid string or a list of text blocks")]
    [InlineData("""{"model":"claude-3-haiku","max_tokens":10,"tools":{},"messages":[{"role":"user","content":"Hi"}]}""", "tools: Input should be a valid list")]
    [InlineData("""{"model":"claude-3-haiku","max_tokens":10,"tool_choice":"auto","messages":[{"role":"user","content":"Hi"}]}""", "tool_choice: Input should be a valid dictionary")]
    [InlineData("""{"model":"claude-3-haiku","max_tokens":10,"anthropic_beta":"x","messages":[{"role":"user","content":"Hi"}]}""", "anthropic_beta: Input should be a valid list")]
    public void Messages_BadField_Returns400NamingTheField(string json, string message)
    {
        var error = Requests.Fails(ClientDialect.AnthropicMessages, json);

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("invalid_request_error", error.Type);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData(ClientDialect.AnthropicMessages)]
    [InlineData(ClientDialect.AnthropicTextCompletions)]
    [InlineData(ClientDialect.OpenAiChat)]
    public void AnyDialect_MalformedJson_Returns400(ClientDialect dialect)
    {
        var error = Requests.Fails(dialect, """{"model":"claude-3-haiku",""");

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("invalid_request_error", error.Type);
        Assert.StartsWith("Request body is not valid JSON: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void AnyDialect_NotAnObject_Returns400(string json)
    {
        var error = Requests.Fails(ClientDialect.OpenAiChat, json);

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("Request body must be a JSON object.", error.Message);
    }

    [Fact]
    public void Parse_EmptyBody_Returns400()
    {
        var error = Requests.Fails(ClientDialect.AnthropicMessages, "");

        Assert.Equal(400, error.StatusCode);
        Assert.StartsWith("Request body is not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateKey_Returns400()
    {
        var error = Requests.Fails(ClientDialect.AnthropicMessages,
            """{"model":"claude-3-haiku","max_tokens":10,"max_tokens":20000,"messages":[{"role":"user","content":"Hi"}]}""");

        Assert.Equal(400, error.StatusCode);
        Assert.StartsWith("Request body is not valid JSON: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NestingAtTheLimit_IsAccepted()
    {
        // The root object is level 1, so 63 nested arrays reach exactly 64.
        var nested = new string('[', 63) + new string(']', 63);
        var json = $$"""{"model":"claude-3-haiku","max_tokens":10,"metadata":{{nested}},"messages":{{Messages}}}""";

        Assert.True(Requests.Parse(ClientDialect.AnthropicMessages, json).IsSuccess);
    }

    [Fact]
    public void Parse_NestingBeyondTheLimit_Returns400()
    {
        var nested = new string('[', 64) + new string(']', 64);
        var json = $$"""{"model":"claude-3-haiku","max_tokens":10,"metadata":{{nested}},"messages":{{Messages}}}""";

        var error = Requests.Fails(ClientDialect.AnthropicMessages, json);

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("Request body nests JSON deeper than 64 levels.", error.Message);
    }

    [Fact]
    public void Parse_VeryDeepNesting_Returns400WithoutCrashing()
    {
        var nested = new string('[', 100_000);
        var error = Requests.Fails(ClientDialect.OpenAiChat, """{"messages":""" + nested);

        Assert.Equal("Request body nests JSON deeper than 64 levels.", error.Message);
    }

    [Theory]
    [InlineData(ClientDialect.AnthropicMessages)]
    [InlineData(ClientDialect.AnthropicTextCompletions)]
    [InlineData(ClientDialect.OpenAiChat)]
    public void AnyDialect_UnknownModel_Returns404NamingIt(ClientDialect dialect)
    {
        var error = Requests.Fails(dialect, BodyFor(dialect, "gpt-4o"));

        Assert.Equal(404, error.StatusCode);
        Assert.Equal("not_found_error", error.Type);
        Assert.Equal("model: gpt-4o is not a model this proxy serves", error.Message);
    }

    [Theory]
    [InlineData(ClientDialect.AnthropicMessages)]
    [InlineData(ClientDialect.AnthropicTextCompletions)]
    [InlineData(ClientDialect.OpenAiChat)]
    public void AnyDialect_RetiredModel_Returns400NamingTheRetirement(ClientDialect dialect)
    {
        var error = Requests.Fails(dialect, BodyFor(dialect, "claude-v1"));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("invalid_request_error", error.Type);
        Assert.Equal("model: claude-v1 (Claude 1.3) was retired by AWS on 2024-02-28 and is no longer served", error.Message);
    }

    [Fact]
    public void Parse_OverlongModelName_Returns404WithTheNameCut()
    {
        var name = "claude-" + new string('x', 500);

        var error = Requests.Fails(ClientDialect.AnthropicMessages, BodyFor(ClientDialect.AnthropicMessages, name));

        Assert.Equal(404, error.StatusCode);
        Assert.Equal($"model: {name[..128]}… is not a model this proxy serves", error.Message);
    }

    [Fact]
    public void Parse_ProfileTheModelDoesNotHave_Returns404()
    {
        var error = Requests.Fails(ClientDialect.AnthropicMessages,
            BodyFor(ClientDialect.AnthropicMessages, "jp.anthropic.claude-3-opus-20240229-v1:0"));

        Assert.Equal(404, error.StatusCode);
    }

    [Theory]
    [InlineData("claude-3-5-sonnet-20241022", "anthropic.claude-3-5-sonnet-20241022-v2:0", null)]
    [InlineData("anthropic.claude-v2:1", "anthropic.claude-v2:1", null)]
    [InlineData("us.anthropic.claude-sonnet-4-20250514-v1:0", "anthropic.claude-sonnet-4-20250514-v1:0", "us")]
    public void Parse_KnownName_ResolvesAndKeepsTheClientsName(string name, string id, string? geography)
    {
        var request = Requests.Ok(ClientDialect.AnthropicMessages, BodyFor(ClientDialect.AnthropicMessages, name));

        Assert.Equal(id, request.Model.Model.Id);
        Assert.Equal(geography, request.Model.Geography);
        Assert.Equal(name, request.ClientModelName);
    }

    internal static string BodyFor(ClientDialect dialect, string model) => dialect switch
    {
        ClientDialect.AnthropicMessages => $$"""{"model":"{{model}}","max_tokens":10,"messages":{{Messages}}}""",
        ClientDialect.AnthropicTextCompletions =>
            $$"""{"model":"{{model}}","max_tokens_to_sample":10,"prompt":"\n\nHuman: Hi\n\nAssistant:"}""",
        _ => $$"""{"model":"{{model}}","messages":{{Messages}}}""",
    };
}
