using System.Text;
using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.Tests.Translation;

public class RequestRobustnessTests
{
    private static readonly (ClientDialect Dialect, string Json)[] Seeds =
    [
        (ClientDialect.AnthropicMessages, """{"model":"claude-3-haiku","max_tokens":10,"system":[{"type":"text","text":"s"}],"temperature":0.5,"messages":[{"role":"user","content":[{"type":"text","text":"Hi é"}]}],"anthropic_beta":["a"]}"""),
        (ClientDialect.AnthropicTextCompletions, """{"model":"claude-3-haiku","max_tokens_to_sample":10,"prompt":"sys\n\nHuman: Hi\n\nAssistant: ok\n\nHuman: more\n\nAssistant:","top_k":3}"""),
        (ClientDialect.AnthropicTextCompletions, """{"model":"claude-2.1","max_tokens_to_sample":10,"prompt":"\n\nHuman: Hi\n\nAssistant:","stop_sequences":["x"]}"""),
        (ClientDialect.OpenAiChat, """{"model":"claude-3-haiku","temperature":1.5,"stop":"x","n":1,"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],"tool_choice":{"type":"function","function":{"name":"f"}},"messages":[{"role":"system","content":"s"},{"role":"user","content":[{"type":"text","text":"a"},{"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}}]},{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{\"a\":1}"}}]},{"role":"tool","tool_call_id":"c","content":"r"}]}"""),
    ];

    [Theory]
    [InlineData(ClientDialect.OpenAiChat, """{"model":"claude-3-haiku","temperature":1e400,"messages":[{"role":"user","content":"x"}]}""")]
    [InlineData(ClientDialect.OpenAiChat, """{"model":"claude-3-haiku","temperature":-1e400,"messages":[{"role":"user","content":"x"}]}""")]
    [InlineData(ClientDialect.AnthropicMessages, """{"model":"claude-3-haiku","max_tokens":1e400,"messages":[{"role":"user","content":"x"}]}""")]
    [InlineData(ClientDialect.AnthropicMessages, """{"model":"\ud800","max_tokens":1,"messages":[{"role":"user","content":"x"}]}""")]
    [InlineData(ClientDialect.AnthropicTextCompletions, """{"model":"claude-2.1","max_tokens_to_sample":1,"prompt":"\n\nHuman: \udfff\n\nAssistant:"}""")]
    [InlineData(ClientDialect.OpenAiChat, """{"model":"claude-3-haiku","messages":[{"role":"user","content":"x"},{"role":"assistant","tool_calls":[{"id":"c","function":{"name":"f","arguments":"{\"a\":\"\ud800\"}"}}]}]}""")]
    [InlineData(ClientDialect.OpenAiChat, """{"model":"claude-3-haiku","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png;base64,\ud800"}}]}]}""")]
    public void Parse_PathologicalValues_GiveA400NotAnException(ClientDialect dialect, string json)
    {
        var result = Requests.Parse(dialect, json);

        if (!result.IsSuccess)
        {
            Assert.Equal(400, result.Error.StatusCode);
        }
    }

    [Fact]
    public void Parse_InvalidUtf8_Returns400()
    {
        var body = Encoding.UTF8.GetBytes("""{"model":"claude-3-haiku","max_tokens":1,"messages":[{"role":"user","content":"XX"}]}""");
        var at = Array.IndexOf(body, (byte)'X');
        body[at] = 0xFF;
        body[at + 1] = 0xFE;

        var result = RequestTranslator.Parse(ClientDialect.AnthropicMessages, body, null, TranslationOptions.Default);

        Assert.False(result.IsSuccess);
        Assert.Equal(ProxyErrorOf(400, "Request body is not valid UTF-8."), result.Error);
    }

    private static OrleansProxy.Gateway.Errors.ProxyError ProxyErrorOf(int status, string message) =>
        new(status, "invalid_request_error", message);

    [Fact]
    public void Parse_RandomlyCorruptedBodies_NeverThrow()
    {
        var random = new Random(20251125);
        var interesting = "{}[]\",:\\0123456789.-eE tfn\u00e9"u8.ToArray();
        foreach (var (dialect, json) in Seeds)
        {
            var original = Encoding.UTF8.GetBytes(json);
            for (var round = 0; round < 3000; round++)
            {
                var body = (byte[])original.Clone();
                var edits = random.Next(1, 4);
                for (var edit = 0; edit < edits; edit++)
                {
                    body[random.Next(body.Length)] = random.Next(4) == 0
                        ? (byte)random.Next(256)
                        : interesting[random.Next(interesting.Length)];
                }

                var result = RequestTranslator.Parse(dialect, body, "beta-1", TranslationOptions.Default);

                if (!result.IsSuccess)
                {
                    Assert.InRange(result.Error.StatusCode, 400, 404);
                }
            }
        }
    }
}
