using System.Text.Json;
using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.Tests.Translation;

/// <summary>The field policy: pass what Bedrock takes, translate what has an equivalent, drop the harmless, refuse the rest.</summary>
public class FieldPolicyTests
{
    /// <summary>The shape of Claude Code 2.1.332's first request (captured), trimmed.</summary>
    private static string ClaudeCodeBody(string model, string extraTools = "", string extra = "") => $$$"""
        {"model":"{{{model}}}","max_tokens":32000,"stream":true,
         "messages":[{"role":"user","content":[{"type":"text","text":"say hi"}]}],
         "system":[{"type":"text","text":"You are Claude Code.","cache_control":{"type":"ephemeral"}}],
         "tools":[{"name":"Bash","description":"Run","input_schema":{"type":"object"}},
                  {"name":"WebFetch","description":"Fetch","input_schema":{"type":"object"},"defer_loading":true}{{{extraTools}}}],
         "metadata":{"user_id":"{\"session_id\":\"0b6c\"}"},
         "thinking":{"type":"adaptive","display":"omitted"},
         "context_management":{"edits":[{"type":"clear_thinking_20251015","keep":"all"}]},
         "output_config":{"effort":"medium"},
         "service_tier":"auto"{{{extra}}}}
        """;

    private static (JsonElement Body, TranslatedRequest Request) Translate(string json, TranslationOptions? options = null)
    {
        var request = Requests.Ok(ClientDialect.AnthropicMessages, json, options: options);
        return (JsonDocument.Parse(request.BedrockBody).RootElement, request);
    }

    [Fact]
    public void NewestModel_TakesEverythingClaudeCodeSends_ButMetadataAndServiceTier()
    {
        var (body, request) = Translate(ClaudeCodeBody("claude-opus-5-5"));

        Assert.Equal("adaptive", body.GetProperty("thinking").GetProperty("type").GetString());
        Assert.Equal("omitted", body.GetProperty("thinking").GetProperty("display").GetString());
        Assert.Equal("medium", body.GetProperty("output_config").GetProperty("effort").GetString());
        Assert.True(body.TryGetProperty("context_management", out _));
        Assert.True(body.GetProperty("tools")[1].GetProperty("defer_loading").GetBoolean());
        Assert.False(body.TryGetProperty("metadata", out _));
        Assert.False(body.TryGetProperty("service_tier", out _));
        Assert.Equal(["metadata", "service_tier"], request.DroppedFields!.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Claude45_AdaptiveThinkingBecomesABudget_DisplayIsDropped_TheRestPasses()
    {
        var (body, request) = Translate(ClaudeCodeBody("claude-sonnet-4-5"));

        var thinking = body.GetProperty("thinking");
        Assert.Equal("enabled", thinking.GetProperty("type").GetString());
        Assert.Equal(16_000, thinking.GetProperty("budget_tokens").GetInt32());
        Assert.False(thinking.TryGetProperty("display", out _));
        Assert.True(body.TryGetProperty("context_management", out _));
        Assert.Equal("medium", body.GetProperty("output_config").GetProperty("effort").GetString());
        Assert.True(body.GetProperty("tools")[1].GetProperty("defer_loading").GetBoolean());
        Assert.Contains("thinking.type=adaptive", request.DroppedFields!);
        Assert.Contains("thinking.display", request.DroppedFields!);
    }

    [Fact]
    public void Claude37_LosesOnlyWhatChangesNothing_ToolSearchBecomesEveryToolUpFront()
    {
        var (body, request) = Translate(ClaudeCodeBody("claude-3-7-sonnet-20250219",
            extraTools: """,{"type":"tool_search_tool_regex_20251119","name":"tool_search_tool_regex"}"""));

        Assert.False(body.TryGetProperty("context_management", out _));
        Assert.False(body.TryGetProperty("output_config", out _));
        var tools = body.GetProperty("tools").EnumerateArray().ToList();
        Assert.Equal(["Bash", "WebFetch"], tools.Select(t => t.GetProperty("name").GetString()));
        Assert.False(tools[1].TryGetProperty("defer_loading", out _));
        Assert.Equal("enabled", body.GetProperty("thinking").GetProperty("type").GetString());
        Assert.Contains("tools[].defer_loading", request.DroppedFields!);
        Assert.Contains("tool:tool_search_tool_regex_20251119", request.DroppedFields!);
        Assert.Contains("output_config.effort", request.DroppedFields!);
    }

    [Fact]
    public void AdaptiveThinking_WithATinyMaxTokens_OnAnOlderModel_MeansNoThinking()
    {
        var (body, _) = Translate("""{"model":"claude-sonnet-4-5","max_tokens":500,"thinking":{"type":"adaptive"},"messages":[{"role":"user","content":"hi"}]}""");

        Assert.False(body.TryGetProperty("thinking", out _));
    }

    [Theory]
    [InlineData("claude-3-7-sonnet-20250219", ""","output_format":{"type":"json_schema","schema":{}}""", "output_format: ")]
    [InlineData("claude-opus-5-5", ""","mcp_servers":[{"type":"url","url":"https://x","name":"x"}]""", "mcp_servers: ")]
    [InlineData("claude-opus-5-5", ""","container":"c_1" """, "container: ")]
    public void FieldsTheClientReliesOn_AreRefusedWhereBedrockCannotHonourThem(string model, string extra, string prefix)
    {
        var error = Requests.Fails(ClientDialect.AnthropicMessages, ClaudeCodeBody(model, extra: extra));

        Assert.Equal(400, error.StatusCode);
        Assert.StartsWith(prefix, error.Message, StringComparison.Ordinal);
        Assert.Contains("Bedrock", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StructuredOutputFormat_OnAnOlderModel_IsRefused_NotSilentlyDropped()
    {
        var error = Requests.Fails(ClientDialect.AnthropicMessages,
            """{"model":"claude-3-7-sonnet-20250219","max_tokens":10,"output_config":{"format":{"type":"json_schema","schema":{}}},"messages":[{"role":"user","content":"hi"}]}""");

        Assert.StartsWith("output_config.format: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("web_search_20250305")]
    [InlineData("web_fetch_20250910")]
    [InlineData("code_execution_20250825")]
    public void AnthropicHostedTools_AreRefusedWithTheirPath(string type)
    {
        var error = Requests.Fails(ClientDialect.AnthropicMessages, ClaudeCodeBody("claude-opus-5-5", extraTools: $$""",{"type":"{{type}}","name":"x"}"""));

        Assert.StartsWith($"tools.2.type: {type}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownTopLevelField_IsDroppedAndReported()
    {
        var (body, request) = Translate("""{"model":"claude-opus-5-5","max_tokens":10,"brand_new_field":{"x":1},"messages":[{"role":"user","content":"hi"}]}""");

        Assert.False(body.TryGetProperty("brand_new_field", out _));
        Assert.Equal(["brand_new_field"], request.DroppedFields!);
    }

    [Fact]
    public void PlainBody_DecidesNothing()
    {
        var (_, request) = Translate("""{"model":"claude-3-haiku-20240307","max_tokens":10,"temperature":0.5,"messages":[{"role":"user","content":"hi"}]}""");

        Assert.Null(request.DroppedFields);
    }

    [Fact]
    public void Configure_OverridesARule_AndReportsEveryBadItem()
    {
        var policy = FieldPolicy.Configure(["service_tier=pass", "context_management=refuse@4.6"], out var problems);
        Assert.Empty(problems);
        var options = new TranslationOptions { Fields = policy };

        var (body, _) = Translate(ClaudeCodeBody("claude-opus-5-5"), options);
        Assert.Equal("auto", body.GetProperty("service_tier").GetString());
        var error = Requests.Fails(ClientDialect.AnthropicMessages, ClaudeCodeBody("claude-sonnet-4-5"), options);
        Assert.StartsWith("context_management: ", error.Message, StringComparison.Ordinal);

        FieldPolicy.Configure(["x=maybe", "y=pass@4.5", "=drop"], out problems);
        Assert.Equal(3, problems.Count);
    }
}
