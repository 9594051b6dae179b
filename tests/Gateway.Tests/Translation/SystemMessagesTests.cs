using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.Tests.Translation;

/// <summary>Claude Code's <c>role: "system"</c> messages folded into what Bedrock's InvokeModel accepts.</summary>
public class SystemMessagesTests
{
    private static string Translate(string system, string messages) =>
        Requests.Body(Requests.Ok(ClientDialect.AnthropicMessages,
            $$"""{"model":"claude-sonnet-4-5","max_tokens":10{{system}},"messages":{{messages}}}"""));

    private const string Prefix = """{"anthropic_version":"bedrock-2023-05-31","max_tokens":10""";

    [Fact]
    public void TrailingSystemMessage_AsClaudeCodeSendsIt_JoinsTheTopLevelSystemAfterTheClientsOwn()
    {
        var body = Translate(
            ""","system":[{"type":"text","text":"You are an agent.","cache_control":{"type":"ephemeral"}}]""",
            """[{"role":"user","content":[{"type":"text","text":"say hi"}]},{"role":"system","content":[{"type":"text","text":"# Environment","cache_control":{"type":"ephemeral"}}]}]""");

        Assert.Equal(
            Prefix + ""","system":[{"type":"text","text":"You are an agent.","cache_control":{"type":"ephemeral"}},{"type":"text","text":"# Environment","cache_control":{"type":"ephemeral"}}],"messages":[{"role":"user","content":[{"type":"text","text":"say hi"}]}]}""",
            body);
    }

    [Fact]
    public void LeadingSystemMessages_WithAStringSystem_BecomeTextBlocksInOrder()
    {
        var body = Translate(""","system":"Be brief." """,
            """[{"role":"system","content":"One."},{"role":"system","content":""},{"role":"user","content":"Hi"}]""");

        Assert.Equal(
            Prefix + ""","system":[{"type":"text","text":"Be brief."},{"type":"text","text":"One."}],"messages":[{"role":"user","content":"Hi"}]}""",
            body);
    }

    [Fact]
    public void SystemMessageBeforeAUserTurn_KeepsItsPlaceAtTheStartOfThatTurn()
    {
        var body = Translate("",
            """[{"role":"user","content":"a"},{"role":"assistant","content":"b"},{"role":"system","content":"Now be terse."},{"role":"user","content":[{"type":"text","text":"c"}]}]""");

        Assert.Equal(
            Prefix + ""","messages":[{"role":"user","content":"a"},{"role":"assistant","content":"b"},{"role":"user","content":[{"type":"text","text":"Now be terse."},{"type":"text","text":"c"}]}]}""",
            body);
    }

    [Fact]
    public void SystemMessageBeforeAnAssistantTurn_EndsThePreviousUserTurn()
    {
        var body = Translate("",
            """[{"role":"user","content":"a"},{"role":"system","content":[{"type":"text","text":"s"}]},{"role":"assistant","content":"b"},{"role":"user","content":"c"}]""");

        Assert.Equal(
            Prefix + ""","messages":[{"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"s"}]},{"role":"assistant","content":"b"},{"role":"user","content":"c"}]}""",
            body);
    }

    [Fact]
    public void WithoutSystemMessages_MessagesAreCopiedUntouched()
    {
        var body = Translate(""","system":"s" """, """[{"role":"user","content":"a"}]""");

        Assert.Equal(Prefix + ""","system":"s","messages":[{"role":"user","content":"a"}]}""", body);
    }

    [Theory]
    [InlineData("""[{"role":"system","content":"only"}]""", "messages: at least one user or assistant message is required")]
    [InlineData("""[{"role":"user","content":"a"},{"role":"system","content":[{"type":"image","source":{}}]}]""", "messages.1.content.0: a system message holds only text blocks")]
    [InlineData("""[{"role":"user","content":"a"},{"role":"system","content":[{"type":"text"}]}]""", "messages.1.content.0: a system message holds only text blocks")]
    [InlineData("""[{"role":"tool","content":"a"}]""", "messages.0.role: Input should be 'user', 'assistant' or 'system'")]
    public void Malformed_IsRefusedWithThePath(string messages, string expected)
    {
        var error = Requests.Fails(ClientDialect.AnthropicMessages,
            $$"""{"model":"claude-sonnet-4-5","max_tokens":10,"messages":{{messages}}}""");

        Assert.Equal(400, error.StatusCode);
        Assert.Equal(expected, error.Message);
    }
}
