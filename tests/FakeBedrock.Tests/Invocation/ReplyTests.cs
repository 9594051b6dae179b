using System.Net;
using System.Text.Json;
using OrleansProxy.Testing.FakeBedrock.Invocation;
using OrleansProxy.Testing.FakeBedrock.Recording;
using OrleansProxy.Testing.FakeBedrock.Tests.TestSupport;

namespace OrleansProxy.Testing.FakeBedrock.Tests.Invocation;

/// <summary>Non-streaming answers: Bedrock's JSON shapes, token headers and deterministic token counts.</summary>
public sealed class ReplyTests : FakeBedrockTest
{
    [Fact]
    public async Task Invoke_MessagesBody_AnthropicMessageWithDefaultReply()
    {
        using var response = await Us().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages("Tell me a joke about fakes"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("msg_bdrk_", message.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("message", message.GetProperty("type").GetString());
        Assert.Equal("assistant", message.GetProperty("role").GetString());
        Assert.Equal("claude-3-haiku-20240307", message.GetProperty("model").GetString());
        var content = Assert.Single(message.GetProperty("content").EnumerateArray().ToList());
        Assert.Equal("text", content.GetProperty("type").GetString());
        Assert.Equal("Fake Bedrock reply to: Tell me a joke about fakes", content.GetProperty("text").GetString());
        Assert.Equal("end_turn", message.GetProperty("stop_reason").GetString());
        Assert.Equal(JsonValueKind.Null, message.GetProperty("stop_sequence").ValueKind);
        // "Tell me a joke about fakes" is 26 characters: ceil(26 / 4) = 7 input tokens; the reply has 10 words.
        Assert.Equal(7, message.GetProperty("usage").GetProperty("input_tokens").GetInt32());
        Assert.Equal(10, message.GetProperty("usage").GetProperty("output_tokens").GetInt32());
        Assert.Equal("7", Assert.Single(response.Headers.GetValues("x-amzn-bedrock-input-token-count")));
        Assert.Equal("10", Assert.Single(response.Headers.GetValues("x-amzn-bedrock-output-token-count")));
        Assert.Single(response.Headers.GetValues("x-amzn-bedrock-invocation-latency"));
        var recorded = Assert.Single(Server.Requests);
        Assert.Equal((7, 10), (recorded.InputTokens, recorded.OutputTokens));
        Assert.Equal(Bodies.Messages("Tell me a joke about fakes"), recorded.Body);
        Assert.Equal(FakeOperation.Invoke, recorded.Operation);
        Assert.NotNull(recorded.CompletedAt);
    }

    [Fact]
    public async Task Invoke_TextCompletionsBody_CompletionShape()
    {
        using var response = await Us().InvokeAsync("anthropic.claude-v2%3A1", Bodies.TextCompletion("Say hi"));

        var completion = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Fake Bedrock reply to: Say hi", completion.GetProperty("completion").GetString());
        Assert.Equal("stop_sequence", completion.GetProperty("stop_reason").GetString());
        Assert.Equal("\n\nHuman:", completion.GetProperty("stop").GetString());
    }

    [Fact]
    public async Task Invoke_LongUserText_ReplyQuotesFortyCharacters()
    {
        var text = new string('a', 30) + " " + new string('b', 30);

        using var response = await Us().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages(text));

        Assert.Contains($"Fake Bedrock reply to: {text[..40]}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplyText_Overridden_AnswersWithItAndSeesTheRequest()
    {
        ModelRequestContext? seen = null;
        Server.ReplyText = context =>
        {
            seen = context;
            return "one two three";
        };

        using var response = await Us().InvokeAsync("us." + Bodies.SonnetFour, Bodies.Messages("hello"));

        var message = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("one two three", message.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal(3, message.GetProperty("usage").GetProperty("output_tokens").GetInt32());
        Assert.Equal(
            new ModelRequestContext(UsKey, "us-east-1", "us." + Bodies.SonnetFour, Bodies.SonnetFour, FakeModelApi.Messages, false, "hello", Bodies.Messages("hello")),
            seen);
    }

    [Fact]
    public async Task Invoke_ContentBlocksAndSystem_CountedAsPrompt()
    {
        const string body = """{"anthropic_version":"bedrock-2023-05-31","max_tokens":5,"system":"12345678","messages":[{"role":"user","content":[{"type":"text","text":"abcd"},{"type":"text","text":"efgh"}]}]}""";

        using var response = await Us().InvokeAsync(Bodies.Claude3HaikuInPath, body);

        var message = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(4, message.GetProperty("usage").GetProperty("input_tokens").GetInt32());
        Assert.Equal("Fake Bedrock reply to: abcd\nefgh", message.GetProperty("content")[0].GetProperty("text").GetString());
    }
}
