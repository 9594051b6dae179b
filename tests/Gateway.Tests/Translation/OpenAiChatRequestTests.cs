using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.Tests.Translation;

public class OpenAiChatRequestTests
{
    private const string Prefix = """{"anthropic_version":"bedrock-2023-05-31","max_tokens":""";

    [Fact]
    public void Parse_SimpleChat_UsesDefaultMaxTokensAndStreamOptions()
    {
        var request = Requests.Ok(ClientDialect.OpenAiChat,
            """{"model":"claude-3-5-haiku","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Hi"}]}""");

        Assert.Equal(Prefix + """4096,"messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}]}""",
            Requests.Body(request));
        Assert.Equal(ClientDialect.OpenAiChat, request.Dialect);
        Assert.Equal(UpstreamBody.Messages, request.UpstreamBody);
        Assert.True(request.Stream);
        Assert.True(request.IncludeUsageInStream);
        Assert.Equal(4096, request.MaxTokens);
    }

    [Fact]
    public void Parse_DefaultMaxTokens_ComesFromOptions()
    {
        var request = Requests.Ok(ClientDialect.OpenAiChat,
            """{"model":"claude-3-5-haiku","messages":[{"role":"user","content":"Hi"}]}""",
            options: new TranslationOptions { DefaultOpenAiMaxTokens = 77 });

        Assert.Equal(77, request.MaxTokens);
        Assert.Contains("\"max_tokens\":77,", Requests.Body(request), StringComparison.Ordinal);
        Assert.False(request.Stream);
        Assert.False(request.IncludeUsageInStream);
    }

    [Theory]
    [InlineData("""{"max_tokens":100}""", 100)]
    [InlineData("""{"max_completion_tokens":200}""", 200)]
    [InlineData("""{"max_tokens":100,"max_completion_tokens":200}""", 200)]
    [InlineData("""{"max_completion_tokens":200,"max_tokens":100}""", 200)]
    public void Parse_MaxTokens_PrefersMaxCompletionTokens(string fields, int expected)
    {
        var json = fields[..^1] + ""","model":"claude-3-haiku","messages":[{"role":"user","content":"Hi"}]}""";

        Assert.Equal(expected, Requests.Ok(ClientDialect.OpenAiChat, json).MaxTokens);
    }

    [Fact]
    public void Parse_SystemAndDeveloperMessages_BecomeSystemBlocksAndSameRoleMessagesMerge()
    {
        var request = Requests.Ok(ClientDialect.OpenAiChat, """
            {"model":"claude-3-haiku","max_tokens":50,"messages":[
              {"role":"system","content":"You are terse."},
              {"role":"user","content":"first"},
              {"role":"developer","content":[{"type":"text","text":"Answer in French."}]},
              {"role":"user","content":[{"type":"text","text":"second"},{"type":"text","text":""},{"type":"text","text":"third"}]},
              {"role":"assistant","content":"Bonjour"},
              {"role":"assistant","content":[{"type":"text","text":"!"}]},
              {"role":"user","name":"bob","content":"again"}]}
            """);

        Assert.Equal(Prefix + """50,"system":"You are terse.\n\nAnswer in French.","messages":[{"role":"user","content":[{"type":"text","text":"first"},{"type":"text","text":"second"},{"type":"text","text":"third"}]},{"role":"assistant","content":[{"type":"text","text":"Bonjour"},{"type":"text","text":"!"}]},{"role":"user","content":[{"type":"text","text":"again"}]}]}""",
            Requests.Body(request));
    }

    [Fact]
    public void Parse_DataUrlImage_BecomesBase64ImageBlock()
    {
        var request = Requests.Ok(ClientDialect.OpenAiChat, """
            {"model":"claude-3-haiku","max_tokens":50,"messages":[{"role":"user","content":[
              {"type":"text","text":"What is this?"},
              {"type":"image_url","image_url":{"url":"data:image/PNG;base64,iVBORw0KGgo+/=","detail":"high"}},
              {"type":"image_url","image_url":"data:image/jpeg;base64,\/9j\/4AAQ"}]}]}
            """);

        Assert.Equal(Prefix + """50,"messages":[{"role":"user","content":[{"type":"text","text":"What is this?"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo+/="}},{"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"/9j/4AAQ"}}]}]}""",
            Requests.Body(request));
    }

    [Theory]
    [InlineData("https://example.com/cat.png", "messages.0.content.0.image_url.url: only data: URLs (data:image/png;base64,…) are supported; the proxy does not fetch remote images")]
    [InlineData("data:image/png,rawbytes", "messages.0.content.0.image_url.url: the data URL must be base64-encoded (data:<type>;base64,<data>)")]
    [InlineData("data:image/tiff;base64,AAAA", "messages.0.content.0.image_url.url: image type 'image/tiff' is not supported; use image/jpeg, image/png, image/gif or image/webp")]
    public void Parse_UnusableImageUrl_Returns400(string url, string message)
    {
        var error = Requests.Fails(ClientDialect.OpenAiChat,
            $$$"""{"model":"claude-3-haiku","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"{{{url}}}"}}]}]}""");

        Assert.Equal(400, error.StatusCode);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Parse_ToolsCallsAndResults_BecomeAnthropicTools()
    {
        var request = Requests.Ok(ClientDialect.OpenAiChat, """
            {"model":"claude-3-5-sonnet-20241022","max_tokens":100,"parallel_tool_calls":false,
             "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather now","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}},
                      {"type":"function","function":{"name":"now"}}],
             "tool_choice":{"type":"function","function":{"name":"get_weather"}},
             "messages":[
              {"role":"user","content":"Weather in Paris and Oslo?"},
              {"role":"assistant","content":null,"tool_calls":[
                 {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},
                 {"id":"call_2","type":"function","function":{"name":"get_weather","arguments":"{\"city\": \"Oslo\"}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"18C"},
              {"role":"tool","tool_call_id":"call_2","content":[{"type":"text","text":"9C"}]},
              {"role":"user","content":"Thanks"}]}
            """);

        Assert.Equal(Prefix + """100,"messages":[{"role":"user","content":[{"type":"text","text":"Weather in Paris and Oslo?"}]},{"role":"assistant","content":[{"type":"tool_use","id":"call_1","name":"get_weather","input":{"city":"Paris"}},{"type":"tool_use","id":"call_2","name":"get_weather","input":{"city": "Oslo"}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1","content":"18C"},{"type":"tool_result","tool_use_id":"call_2","content":[{"type":"text","text":"9C"}]},{"type":"text","text":"Thanks"}]}],"tools":[{"name":"get_weather","description":"Weather now","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}},{"name":"now","input_schema":{"type":"object","properties":{}}}],"tool_choice":{"type":"tool","name":"get_weather","disable_parallel_tool_use":true}}""",
            Requests.Body(request));
    }

    [Theory]
    [InlineData("\"auto\"", "\"tool_choice\":{\"type\":\"auto\"}")]
    [InlineData("\"required\"", "\"tool_choice\":{\"type\":\"any\"}")]
    [InlineData("\"none\"", "\"tool_choice\":{\"type\":\"none\"}")]
    public void Parse_ToolChoiceStrings_MapToAnthropicChoices(string choice, string expected)
    {
        var request = Requests.Ok(ClientDialect.OpenAiChat,
            """{"model":"claude-3-haiku","tool_choice":""" + choice + ""","tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],"messages":[{"role":"user","content":"Hi"}]}""");

        Assert.EndsWith(""","tools":[{"name":"f","input_schema":{"type":"object"}}],""" + expected + "}", Requests.Body(request), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ToolChoiceWithoutTools_IsDropped()
    {
        var request = Requests.Ok(ClientDialect.OpenAiChat,
            """{"model":"claude-3-haiku","tool_choice":"auto","messages":[{"role":"user","content":"Hi"}]}""");

        Assert.DoesNotContain("tool_choice", Requests.Body(request), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.7", "0.7")]
    [InlineData("1", "1")]
    [InlineData("1.5", "1")]
    [InlineData("2", "1")]
    [InlineData("0", "0")]
    public void Parse_Temperature_IsClampedToAnthropicsRange(string sent, string expected)
    {
        var request = Requests.Ok(ClientDialect.OpenAiChat,
            $$"""{"model":"claude-3-haiku","temperature":{{sent}},"top_p":0.5,"messages":[{"role":"user","content":"Hi"}]}""");

        Assert.EndsWith(",\"temperature\":" + expected + ",\"top_p\":0.5}", Requests.Body(request), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TopPOfOne_IsLeftOut()
    {
        var request = Requests.Ok(ClientDialect.OpenAiChat,
            """{"model":"claude-sonnet-4-5","temperature":0.2,"top_p":1,"messages":[{"role":"user","content":"Hi"}]}""");

        Assert.EndsWith(",\"temperature\":0.2}", Requests.Body(request), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SystemTexts_AreJoinedWithoutReencoding()
    {
        var request = Requests.Ok(ClientDialect.OpenAiChat,
            """{"model":"claude-3-haiku","messages":[{"role":"system","content":"caf\u00e9 \"x\""},{"role":"developer","content":[{"type":"text","text":"日本"},{"type":"text","text":""}]},{"role":"user","content":"Hi"}]}""");

        Assert.Contains(""","system":"caf\u00e9 \"x\"\n\n日本","messages":""", Requests.Body(request), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"STOP\"", """["STOP"]""")]
    [InlineData("""["a","b"]""", """["a","b"]""")]
    public void Parse_Stop_BecomesStopSequences(string stop, string expected)
    {
        var request = Requests.Ok(ClientDialect.OpenAiChat,
            $$"""{"model":"claude-3-haiku","stop":{{stop}},"messages":[{"role":"user","content":"Hi"}]}""");

        Assert.EndsWith(",\"stop_sequences\":" + expected + "}", Requests.Body(request), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_IgnoredOpenAiFields_DoNotReachBedrock()
    {
        var request = Requests.Ok(ClientDialect.OpenAiChat,
            """{"model":"claude-3-haiku","n":1,"seed":4,"user":"u","presence_penalty":0.1,"frequency_penalty":0.2,"logit_bias":{},"stop":null,"response_format":{"type":"text"},"messages":[{"role":"user","content":"Hi"}]}""");

        Assert.Equal(Prefix + """4096,"messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}]}""",
            Requests.Body(request));
    }

    [Fact]
    public void Parse_ConversationStartingWithAssistant_GetsALeadingUserTurn()
    {
        var request = Requests.Ok(ClientDialect.OpenAiChat,
            """{"model":"claude-3-haiku","messages":[{"role":"system","content":"Be nice."},{"role":"assistant","content":"How can I help?"},{"role":"user","content":"Hi"}]}""");

        Assert.Equal(Prefix + """4096,"system":"Be nice.","messages":[{"role":"user","content":[{"type":"text","text":"(start of conversation)"}]},{"role":"assistant","content":[{"type":"text","text":"How can I help?"}]},{"role":"user","content":[{"type":"text","text":"Hi"}]}]}""",
            Requests.Body(request));
    }

    [Fact]
    public void Parse_ConversationStartingWithAssistant_WithoutPlaceholder_Returns400()
    {
        var error = Requests.Fails(ClientDialect.OpenAiChat,
            """{"model":"claude-3-haiku","messages":[{"role":"assistant","content":"How can I help?"},{"role":"user","content":"Hi"}]}""",
            new TranslationOptions { OpenAiLeadingUserText = null });

        Assert.Equal("messages: the first non-system message must have role 'user'", error.Message);
    }

    [Fact]
    public void Parse_FinalAssistantPrefill_LosesTrailingWhitespace()
    {
        var request = Requests.Ok(ClientDialect.OpenAiChat,
            """{"model":"claude-3-haiku","messages":[{"role":"user","content":"JSON?"},{"role":"assistant","content":"{ \n"}]}""");

        Assert.EndsWith("""{"role":"assistant","content":[{"type":"text","text":"{"}]}]}""", Requests.Body(request), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"model":"claude-3-haiku"}""", "messages: Field required")]
    [InlineData("""{"model":"claude-3-haiku","messages":"Hi"}""", "messages: Input should be a valid list")]
    [InlineData("""{"model":"claude-3-haiku","messages":[]}""", "messages: at least one message is required")]
    [InlineData("""{"model":"claude-3-haiku","messages":[{"role":"system","content":"x"}]}""", "messages: at least one user or assistant message with content is required")]
    [InlineData("""{"model":"claude-3-haiku","messages":[{"content":"x"}]}""", "messages.0.role: Field required")]
    [InlineData("""{"model":"claude-3-haiku","messages":[{"role":"robot","content":"x"}]}""", "messages.0.role: Input should be 'system', 'developer', 'user', 'assistant' or 'tool'")]
    [InlineData("""{"model":"claude-3-haiku","messages":[{"role":5,"content":"x"}]}""", "messages.0.role: Input should be 'system', 'developer', 'user', 'assistant' or 'tool'")]
    [InlineData("""{"model":"claude-3-haiku","messages":[{"role":"user","content":[{"type":["text"]}]}]}""", "messages.0.content.0.type: only 'text' and 'image_url' parts are supported")]
    [InlineData("""{"model":"claude-3-haiku","tools":[{"type":1}],"messages":[{"role":"user","content":"x"}]}""", "tools.0.type: only 'function' tools are supported")]
    [InlineData("""{"model":"claude-3-haiku","messages":[{"role":"function","name":"f","content":"x"}]}""", "messages.0.role: the deprecated 'function' role is not supported; send tool results with role 'tool'")]
    [InlineData("""{"model":"claude-3-haiku","messages":[{"role":"user"}]}""", "messages.0.content: Field required")]
    [InlineData("""{"model":"claude-3-haiku","messages":[{"role":"user","content":42}]}""", "messages.0.content: Input should be a valid string or a list of content parts")]
    [InlineData("""{"model":"claude-3-haiku","messages":[{"role":"user","content":[{"type":"input_audio"}]}]}""", "messages.0.content.0.type: only 'text' and 'image_url' parts are supported")]
    [InlineData("""{"model":"claude-3-haiku","messages":[{"role":"user","content":[{"type":"text","text":5}]}]}""", "messages.0.content.0.text: Input should be a valid string")]
    [InlineData("""{"model":"claude-3-haiku","messages":[{"role":"tool","content":"x"}]}""", "messages.0.tool_call_id: Field required")]
    [InlineData("""{"model":"claude-3-haiku","messages":[{"role":"user","content":"x"},{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"[1]"}}]}]}""", "messages.1.tool_calls.0.function.arguments: must be a JSON object encoded as a string")]
    [InlineData("""{"model":"claude-3-haiku","messages":[{"role":"user","content":"x"},{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{\"a\":"}}]}]}""", "messages.1.tool_calls.0.function.arguments: must be a JSON object encoded as a string")]
    [InlineData("""{"model":"claude-3-haiku","messages":[{"role":"user","content":"x"},{"role":"assistant","tool_calls":[{"type":"function","function":{"name":"f"}}]}]}""", "messages.1.tool_calls.0.id: Input should be a valid string")]
    [InlineData("""{"model":"claude-3-haiku","n":2,"messages":[{"role":"user","content":"x"}]}""", "n: only n=1 is supported: Claude returns one choice per request")]
    [InlineData("""{"model":"claude-3-haiku","temperature":2.5,"messages":[{"role":"user","content":"x"}]}""", "temperature: Input should be between 0 and 2")]
    [InlineData("""{"model":"claude-3-haiku","max_tokens":"5","messages":[{"role":"user","content":"x"}]}""", "max_tokens: Input should be a valid integer")]
    [InlineData("""{"model":"claude-3-haiku","max_completion_tokens":0,"messages":[{"role":"user","content":"x"}]}""", "max_completion_tokens: Input should be greater than or equal to 1")]
    [InlineData("""{"model":"claude-3-haiku","stop":[1],"messages":[{"role":"user","content":"x"}]}""", "stop.0: Input should be a valid string")]
    [InlineData("""{"model":"claude-3-haiku","stream_options":{"include_usage":"yes"},"messages":[{"role":"user","content":"x"}]}""", "stream_options.include_usage: Input should be a valid boolean")]
    [InlineData("""{"model":"claude-3-haiku","tools":[{"type":"code_interpreter"}],"messages":[{"role":"user","content":"x"}]}""", "tools.0.type: only 'function' tools are supported")]
    [InlineData("""{"model":"claude-3-haiku","tools":[{"type":"function","function":{"description":"d"}}],"messages":[{"role":"user","content":"x"}]}""", "tools.0.function.name: Input should be a valid string")]
    [InlineData("""{"model":"claude-3-haiku","tool_choice":"sometimes","messages":[{"role":"user","content":"x"}]}""", "tool_choice: Input should be 'none', 'auto', 'required' or a function choice")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}]}""", "model: Field required")]
    public void Parse_BadField_Returns400NamingIt(string json, string message)
    {
        var error = Requests.Fails(ClientDialect.OpenAiChat, json);

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("invalid_request_error", error.Type);
        Assert.Equal(message, error.Message);
    }
}
