using System.Text;
using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.Tests.Translation;

public class MessagesRequestTests
{
    [Fact]
    public void Parse_FullRequest_BuildsBedrockBodyWithoutExtraneousKeys()
    {
        var request = Requests.Ok(ClientDialect.AnthropicMessages, """
            {"model":"claude-3-5-sonnet-20241022","max_tokens":1024,"stream":true,"metadata":{"user_id":"u-1"},
             "anthropic_version":"2023-06-01","service_tier":"auto","mcp_servers":[],
             "context_management":{"edits":[]},"system":"Be brief.","temperature":0.5,"top_p":0.9,"top_k":40,
             "stop_sequences":["END"],"messages":[{"role":"user","content":"Hi"}],"tools":[{"name":"t","input_schema":{"type":"object"}}],
             "tool_choice":{"type":"auto"},"thinking":{"type":"enabled","budget_tokens":1024}}
            """);

        Assert.Equal(
            """{"anthropic_version":"bedrock-2023-05-31","max_tokens":1024,"system":"Be brief.","temperature":0.5,"top_p":0.9,"top_k":40,"stop_sequences":["END"],"messages":[{"role":"user","content":"Hi"}],"tools":[{"name":"t","input_schema":{"type":"object"}}],"tool_choice":{"type":"auto"},"thinking":{"type":"enabled","budget_tokens":1024}}""",
            Requests.Body(request));
        Assert.Equal(ClientDialect.AnthropicMessages, request.Dialect);
        Assert.Equal(UpstreamBody.Messages, request.UpstreamBody);
        Assert.True(request.Stream);
        Assert.Equal(1024, request.MaxTokens);
        Assert.False(request.IncludeUsageInStream);
        Assert.Equal("claude-3-5-sonnet-20241022", request.ClientModelName);
    }

    [Fact]
    public void Parse_NullOptionalFields_AreDropped()
    {
        var request = Requests.Ok(ClientDialect.AnthropicMessages,
            """{"model":"claude-3-haiku","max_tokens":5,"stream":null,"temperature":null,"system":null,"messages":[{"role":"user","content":"Hi"}]}""");

        Assert.Equal("""{"anthropic_version":"bedrock-2023-05-31","max_tokens":5,"messages":[{"role":"user","content":"Hi"}]}""",
            Requests.Body(request));
        Assert.False(request.Stream);
    }

    [Fact]
    public void Parse_MessageContent_IsCopiedByteForByte()
    {
        // Escapes, raw non-ASCII, odd spacing and nested tool blocks must reach Bedrock exactly as the client wrote them.
        const string messages = """
            [ {"role":"user","content":[{"type":"text","text":"caf\u00e9 — 日本語 \"quoted\" 🎉\n"}]},
              {"role":"assistant","content":[{"type":"tool_use","id":"toolu_01","name":"lookup","input":{"q":"ü","nested":{"deep":[1, 2.50, {"x":null}]}}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01","content":[{"type":"text","text":"r\u00e9sultat"}]}]} ]
            """;
        var json = $$"""{"model":"claude-3-haiku","max_tokens":10,"messages":{{messages}}}""";

        var request = Requests.Ok(ClientDialect.AnthropicMessages, json);

        var expected = Encoding.UTF8.GetBytes(
            "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":10,\"messages\":" + messages + "}");
        Assert.Equal(expected, request.BedrockBody);
    }

    [Fact]
    public void Parse_BetaHeader_BecomesBodyArrayMergedWithBodyBetas_WithoutFlagsBedrockLacks()
    {
        var request = Requests.Ok(ClientDialect.AnthropicMessages,
            """{"model":"claude-3-7-sonnet","max_tokens":10,"anthropic_beta":["token-efficient-tools-2025-02-19","a"],"messages":[{"role":"user","content":"Hi"}]}""",
            betaHeader: " a, output-128k-2025-02-19,,token-efficient-tools-2025-02-19, interleaved-thinking-2025-05-14 ");

        Assert.Equal(
            """{"anthropic_version":"bedrock-2023-05-31","max_tokens":10,"messages":[{"role":"user","content":"Hi"}],"anthropic_beta":["token-efficient-tools-2025-02-19","output-128k-2025-02-19"]}""",
            Requests.Body(request));
        Assert.Equal(["a", "interleaved-thinking-2025-05-14"], request.DroppedBetas!);
    }

    [Fact]
    public void Parse_BlankBetaHeader_AddsNoArray()
    {
        var request = Requests.Ok(ClientDialect.AnthropicMessages,
            """{"model":"claude-3-haiku","max_tokens":10,"messages":[{"role":"user","content":"Hi"}]}""", betaHeader: " , ");

        Assert.DoesNotContain("anthropic_beta", Requests.Body(request), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EscapedKeyName_IsRecognisedAndWrittenCanonically()
    {
        var request = Requests.Ok(ClientDialect.AnthropicMessages,
            """{"model":"claude-3-haiku","max\u005ftokens":10,"messages":[{"role":"user","content":"Hi"}]}""");

        Assert.Equal("""{"anthropic_version":"bedrock-2023-05-31","max_tokens":10,"messages":[{"role":"user","content":"Hi"}]}""",
            Requests.Body(request));
    }

    [Fact]
    public void Parse_Claude2OnMessages_SendsMessagesBody()
    {
        var request = Requests.Ok(ClientDialect.AnthropicMessages,
            """{"model":"claude-2.1","max_tokens":10,"messages":[{"role":"user","content":"Hi"}]}""");

        Assert.Equal(UpstreamBody.Messages, request.UpstreamBody);
        Assert.Equal("anthropic.claude-v2:1", request.Model.Model.Id);
    }
}
