using System.Text;
using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.Tests.Translation;

public class ResponseTranslatorTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);

    private const string MessagesAnswer =
        """{"id":"msg_bdrk_01","type":"message","role":"assistant","model":"claude-3-5-sonnet-20241022","content":[{"type":"text","text":"Hello \"world\" caf\u00e9 日本\n"},{"type":"text","text":"Second."}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":7,"cache_read_input_tokens":0}}""";

    private const string ToolAnswer =
        """{"id":"msg_bdrk_02","type":"message","role":"assistant","content":[{"type":"text","text":"Checking."},{"type":"tool_use","id":"toolu_01","name":"get_weather","input":{"city":"Paris","units":["c"]}},{"type":"tool_use","id":"toolu_02","name":"now","input":{}}],"stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":30,"output_tokens":40}}""";

    [Fact]
    public void Messages_PassesBedrocksBytesThroughAndReadsUsage()
    {
        var request = Request(ClientDialect.AnthropicMessages, """{"model":"claude-3-5-sonnet-20241022","max_tokens":10,"messages":[{"role":"user","content":"Hi"}]}""");

        var response = Translate(request, MessagesAnswer);

        Assert.Equal(Encoding.UTF8.GetBytes(MessagesAnswer), response.Body);
        Assert.Equal(12, response.InputTokens);
        Assert.Equal(7, response.OutputTokens);
        Assert.Null(response.Error);
    }

    [Fact]
    public void LegacyCompletion_BecomesAnthropicCompletionObject()
    {
        var request = Request(ClientDialect.AnthropicTextCompletions, """{"model":"claude-2.1","max_tokens_to_sample":10,"prompt":"\n\nHuman: Hi\n\nAssistant:"}""");

        var response = Translate(request, """{"completion":" Hello! \u00e9","stop_reason":"stop_sequence","stop":"\n\nHuman:"}""");

        Assert.Equal(
            """{"type":"completion","id":"compl_req-1","completion":" Hello! \u00e9","stop_reason":"stop_sequence","model":"claude-2.1","stop":"\n\nHuman:","log_id":"req-1"}""",
            Encoding.UTF8.GetString(response.Body));
        Assert.Equal(0, response.InputTokens);
        Assert.Equal(0, response.OutputTokens);
    }

    [Fact]
    public void LegacyCompletion_MaxTokens_KeepsNullStop()
    {
        var request = Request(ClientDialect.AnthropicTextCompletions, """{"model":"anthropic.claude-v2","max_tokens_to_sample":10,"prompt":"\n\nHuman: Hi\n\nAssistant:"}""");

        var response = Translate(request, """{"completion":"Once upon","stop_reason":"max_tokens","stop":null}""");

        Assert.Equal(
            """{"type":"completion","id":"compl_req-1","completion":"Once upon","stop_reason":"max_tokens","model":"anthropic.claude-v2","stop":null,"log_id":"req-1"}""",
            Encoding.UTF8.GetString(response.Body));
    }

    [Fact]
    public void MessagesAnswer_ForCompletionClient_JoinsTextAndMapsStopReason()
    {
        var request = Request(ClientDialect.AnthropicTextCompletions, """{"model":"claude-3-haiku","max_tokens_to_sample":10,"prompt":"\n\nHuman: Hi\n\nAssistant:"}""");

        var response = Translate(request, MessagesAnswer);

        Assert.Equal(
            """{"type":"completion","id":"compl_req-1","completion":"Hello \"world\" caf\u00e9 日本\nSecond.","stop_reason":"stop_sequence","model":"claude-3-haiku","stop":null,"log_id":"req-1"}""",
            Encoding.UTF8.GetString(response.Body));
        Assert.Equal(12, response.InputTokens);
        Assert.Equal(7, response.OutputTokens);
    }

    [Theory]
    [InlineData("\"max_tokens\"", "null", "\"max_tokens\"", "null")]
    [InlineData("\"stop_sequence\"", "\"END\"", "\"stop_sequence\"", "\"END\"")]
    public void MessagesAnswer_ForCompletionClient_StopVariants(string stopReason, string stopSequence, string expectedReason, string expectedStop)
    {
        var request = Request(ClientDialect.AnthropicTextCompletions, """{"model":"claude-3-haiku","max_tokens_to_sample":10,"prompt":"\n\nHuman: Hi\n\nAssistant:"}""");
        var answer = """{"content":[{"type":"text","text":"x"}],"stop_reason":""" + stopReason + ""","stop_sequence":""" + stopSequence
            + ""","usage":{"input_tokens":1,"output_tokens":2}}""";

        var body = Encoding.UTF8.GetString(Translate(request, answer).Body);

        Assert.Contains("\"stop_reason\":" + expectedReason + ",", body, StringComparison.Ordinal);
        Assert.Contains("\"stop\":" + expectedStop + ",", body, StringComparison.Ordinal);
    }

    [Fact]
    public void MessagesAnswer_ForOpenAiClient_BecomesChatCompletion()
    {
        var request = Request(ClientDialect.OpenAiChat, """{"model":"claude-3-5-sonnet","messages":[{"role":"user","content":"Hi"}]}""");

        var response = Translate(request, MessagesAnswer);

        Assert.Equal(
            """{"id":"chatcmpl-req-1","object":"chat.completion","created":1750000000,"model":"claude-3-5-sonnet","choices":[{"index":0,"message":{"role":"assistant","content":"Hello \"world\" caf\u00e9 日本\nSecond."},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19}}""",
            Encoding.UTF8.GetString(response.Body));
        Assert.Equal(12, response.InputTokens);
        Assert.Equal(7, response.OutputTokens);
    }

    [Fact]
    public void ToolUseAnswer_ForOpenAiClient_BecomesToolCalls()
    {
        var request = Request(ClientDialect.OpenAiChat, """{"model":"claude-3-5-sonnet","messages":[{"role":"user","content":"Hi"}]}""");

        var response = Translate(request, ToolAnswer);

        Assert.Equal(
            """{"id":"chatcmpl-req-1","object":"chat.completion","created":1750000000,"model":"claude-3-5-sonnet","choices":[{"index":0,"message":{"role":"assistant","content":"Checking.","tool_calls":[{"id":"toolu_01","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\",\"units\":[\"c\"]}"}},{"id":"toolu_02","type":"function","function":{"name":"now","arguments":"{}"}}]},"logprobs":null,"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":30,"completion_tokens":40,"total_tokens":70}}""",
            Encoding.UTF8.GetString(response.Body));
    }

    [Fact]
    public void ToolOnlyAnswer_ForOpenAiClient_HasNullContent()
    {
        var request = Request(ClientDialect.OpenAiChat, """{"model":"claude-3-5-sonnet","messages":[{"role":"user","content":"Hi"}]}""");

        var body = Encoding.UTF8.GetString(Translate(request,
            """{"content":[{"type":"tool_use","id":"t","name":"f","input":{"a":1}}],"stop_reason":"tool_use","usage":{"input_tokens":1,"output_tokens":1}}""").Body);

        Assert.Contains(""","message":{"role":"assistant","content":null,"tool_calls":[{"id":"t","type":"function","function":{"name":"f","arguments":"{\"a\":1}"}}]}""", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("end_turn", "stop")]
    [InlineData("stop_sequence", "stop")]
    [InlineData("max_tokens", "length")]
    [InlineData("tool_use", "tool_calls")]
    [InlineData("refusal", "content_filter")]
    [InlineData("pause_turn", "stop")]
    public void FinishReason_MapsFromStopReason(string stopReason, string finishReason)
    {
        var request = Request(ClientDialect.OpenAiChat, """{"model":"claude-3-5-sonnet","messages":[{"role":"user","content":"Hi"}]}""");

        var body = Encoding.UTF8.GetString(Translate(request,
            "{\"content\":[{\"type\":\"text\",\"text\":\"x\"}],\"stop_reason\":\"" + stopReason + "\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}").Body);

        Assert.Contains("\"finish_reason\":\"" + finishReason + "\"}", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ClientDialect.AnthropicMessages, """{"type":"error","error":{"type":"api_error","message":"Bedrock returned a response the proxy could not read."}}""")]
    [InlineData(ClientDialect.OpenAiChat, """{"error":{"message":"Bedrock returned a response the proxy could not read.","type":"api_error","param":null,"code":"api_error"}}""")]
    public void UnreadableAnswer_Returns502InTheClientsDialect(ClientDialect dialect, string expected)
    {
        var request = Request(dialect, RequestValidationTests.BodyFor(dialect, "claude-3-haiku"));

        var response = Translate(request, """{"content":[{"type":"text","text":"cut off""");

        Assert.Equal(502, response.Error?.StatusCode);
        Assert.Equal(expected, Encoding.UTF8.GetString(response.Body));
    }

    private static TranslatedRequest Request(ClientDialect dialect, string json) => Requests.Ok(dialect, json);

    private static TranslatedResponse Translate(TranslatedRequest request, string answer) =>
        ResponseTranslator.Translate(request, Encoding.UTF8.GetBytes(answer), "req-1", Now);
}
