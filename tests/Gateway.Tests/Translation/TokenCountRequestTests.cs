using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.Tests.Translation;

/// <summary>The Messages parser with <see cref="TranslationOptions.TokenCount"/>: the count_tokens body rules.</summary>
public class TokenCountRequestTests
{
    private static readonly TranslationOptions Counting = new() { TokenCount = true };

    [Fact]
    public void Parse_NoMaxTokens_FillsInTheCountingDefault()
    {
        var request = Requests.Ok(ClientDialect.AnthropicMessages,
            """{"model":"claude-3-haiku-20240307","system":"Be brief.","messages":[{"role":"user","content":"Hi"}]}""", options: Counting);

        Assert.Equal(
            """{"anthropic_version":"bedrock-2023-05-31","max_tokens":1024,"system":"Be brief.","messages":[{"role":"user","content":"Hi"}]}""",
            Requests.Body(request));
        Assert.Equal(MessagesRequestParser.TokenCountMaxTokens, request.MaxTokens);
    }

    [Fact]
    public void Parse_ClientsMaxTokens_IsKept()
    {
        var request = Requests.Ok(ClientDialect.AnthropicMessages,
            """{"model":"claude-3-haiku-20240307","max_tokens":7,"messages":[{"role":"user","content":"Hi"}]}""", options: Counting);

        Assert.Equal("""{"anthropic_version":"bedrock-2023-05-31","max_tokens":7,"messages":[{"role":"user","content":"Hi"}]}""", Requests.Body(request));
    }

    [Fact]
    public void Parse_ThinkingBudgetAboveTheDefault_MaxTokensGoesAboveIt()
    {
        var request = Requests.Ok(ClientDialect.AnthropicMessages,
            """{"model":"claude-sonnet-4-5","thinking":{"type":"enabled","budget_tokens":4000},"messages":[{"role":"user","content":"Hi"}]}""", options: Counting);

        Assert.Equal(5024, request.MaxTokens);
        Assert.StartsWith("""{"anthropic_version":"bedrock-2023-05-31","max_tokens":5024,""", Requests.Body(request), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithoutTheOption_MaxTokensIsStillRequired()
    {
        var error = Requests.Fails(ClientDialect.AnthropicMessages, """{"model":"claude-3-haiku-20240307","messages":[{"role":"user","content":"Hi"}]}""");

        Assert.Equal(400, error.StatusCode);
        Assert.Contains("max_tokens", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"model":"claude-3-haiku-20240307"}""", "messages")]
    [InlineData("""{"model":"claude-3-haiku-20240307","max_tokens":0,"messages":[{"role":"user","content":"Hi"}]}""", "max_tokens")]
    [InlineData("""{"messages":[{"role":"user","content":"Hi"}]}""", "model")]
    [InlineData("""{"model":"claude-3-haiku-20240307","messages":[{"role":"robot","content":"Hi"}]}""", "role")]
    public void Parse_OtherwiseValidatedAsMessages(string json, string field)
    {
        var error = Requests.Fails(ClientDialect.AnthropicMessages, json, Counting);

        Assert.Equal(400, error.StatusCode);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SystemMessagesAndBetas_FollowTheMessagesPolicies()
    {
        var request = Requests.Ok(ClientDialect.AnthropicMessages,
            """{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Hi"},{"role":"system","content":"Mind the rules."}]}""",
            "claude-code-20250219,context-1m-2025-08-07", Counting);

        var body = Requests.Body(request);
        Assert.DoesNotContain("\"role\":\"system\"", body, StringComparison.Ordinal);
        Assert.Contains("Mind the rules.", body, StringComparison.Ordinal);
        Assert.Contains("claude-code-20250219", request.DroppedBetas ?? [], StringComparer.Ordinal);
        Assert.DoesNotContain("claude-code-20250219", body, StringComparison.Ordinal);
    }
}
