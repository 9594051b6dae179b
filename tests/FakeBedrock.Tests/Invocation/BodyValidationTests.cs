using System.Net;
using OrleansProxy.Testing.FakeBedrock.Tests.TestSupport;

namespace OrleansProxy.Testing.FakeBedrock.Tests.Invocation;

/// <summary>Bedrock's body schema, worded as Bedrock words its refusals.</summary>
public sealed class BodyValidationTests : FakeBedrockTest
{
    private const string Valid = "\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

    [Theory]
    [InlineData("""{"anthropic_version":"bedrock-2023-05-31","max_tokens":-1,"messages":[{"role":"user","content":"hi"}]}""", "#/max_tokens: -1 is not greater or equal to 1")]
    [InlineData("""{"anthropic_version":"bedrock-2023-05-31","max_tokens":0,"messages":[{"role":"user","content":"hi"}]}""", "#/max_tokens: 0 is not greater or equal to 1")]
    [InlineData("""{"anthropic_version":"bedrock-2023-05-31","max_tokens":"10","messages":[{"role":"user","content":"hi"}]}""", "#/max_tokens: expected type: Integer, found: String")]
    [InlineData("{" + Valid + ""","model":"claude-3-haiku-20240307"}""", "#: extraneous key [model] is not permitted")]
    [InlineData("{" + Valid + ""","stream":true}""", "#: extraneous key [stream] is not permitted")]
    [InlineData("""{"max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""", "#: required key [anthropic_version] not found")]
    [InlineData("""{"anthropic_version":"2023-06-01","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""", "#/anthropic_version: 2023-06-01 is not a valid enum value")]
    [InlineData("""{"anthropic_version":"bedrock-2023-05-31","max_tokens":10,"messages":[]}""", "#/messages: expected minimum item count: 1, found: 0")]
    [InlineData("""{"anthropic_version":"bedrock-2023-05-31","max_tokens":10,"messages":[{"role":"system","content":"hi"}]}""", "#/messages/0/role: system is not a valid enum value")]
    [InlineData("""{"anthropic_version":"bedrock-2023-05-31","max_tokens":10,"messages":[{"role":"user"}]}""", "#/messages/0: required key [content] not found")]
    [InlineData("""[1,2]""", "#: expected type: JSONObject, found: JSONArray")]
    public async Task Invoke_MessagesBodyBreaksTheSchema_MalformedInput(string body, string violation)
    {
        using var response = await Us().InvokeAsync(Bodies.Claude3HaikuInPath, body);

        await AwsErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "ValidationException",
            $"Malformed input request: {violation}, please reformat your input and try again.");
    }

    [Fact]
    public async Task Invoke_ModelAndStreamKeysTogether_BothReported()
    {
        using var response = await Us().InvokeAsync(Bodies.Claude3HaikuInPath, "{" + Valid + ""","model":"m","stream":true}""");

        await AwsErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "ValidationException",
            "Malformed input request: #: extraneous key [model] is not permitted#: extraneous key [stream] is not permitted, please reformat your input and try again.");
    }

    [Fact]
    public async Task Invoke_NotJson_MalformedInput()
    {
        using var response = await Us().InvokeAsync(Bodies.Claude3HaikuInPath, "{not json");

        await AwsErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "ValidationException",
            "Malformed input request, please reformat your input and try again.");
    }

    [Fact]
    public async Task Invoke_EveryBedrockMessagesKey_Accepted()
    {
        const string body = """
            {"anthropic_version":"bedrock-2023-05-31","max_tokens":10,"system":"be brief","stop_sequences":["x"],
             "temperature":0.5,"top_p":0.9,"top_k":5,"tools":[],"tool_choice":{"type":"auto"},
             "thinking":{"type":"disabled"},"anthropic_beta":["token-efficient-tools-2025-02-19"],"metadata":{"user_id":"u"},
             "messages":[{"role":"user","content":[{"type":"text","text":"hi"}]},{"role":"assistant","content":"yo"},{"role":"user","content":"again"}]}
            """;

        using var response = await Us().InvokeAsync(Bodies.Claude3HaikuInPath, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"prompt":"\n\nHuman: hi\n\nAssistant:","max_tokens_to_sample":0}""", "Malformed input request: #/max_tokens_to_sample: 0 is not greater or equal to 1, please reformat your input and try again.")]
    [InlineData("""{"prompt":"\n\nHuman: hi\n\nAssistant:"}""", "Malformed input request: #: required key [max_tokens_to_sample] not found, please reformat your input and try again.")]
    [InlineData("""{"prompt":"\n\nHuman: hi\n\nAssistant:","max_tokens_to_sample":5,"model":"claude-2"}""", "Malformed input request: #: extraneous key [model] is not permitted, please reformat your input and try again.")]
    [InlineData("""{"prompt":"hi","max_tokens_to_sample":5}""", "prompt must start with \"\\n\\nHuman:\" turn after an optional system prompt")]
    [InlineData("""{"prompt":"\n\nHuman: hi","max_tokens_to_sample":5}""", "prompt must end with \"\\n\\nAssistant:\" turn")]
    public async Task Invoke_BadTextCompletionsBody_Validation(string body, string message)
    {
        using var response = await Us().InvokeAsync("anthropic.claude-v2%3A1", body);

        await AwsErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "ValidationException", message);
    }

    [Fact]
    public async Task Invoke_TextCompletionsWithSystemPromptFirst_Accepted()
    {
        using var response = await Us().InvokeAsync("anthropic.claude-v2", """{"prompt":"You are terse.\n\nHuman: hi\n\nAssistant:","max_tokens_to_sample":5}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
