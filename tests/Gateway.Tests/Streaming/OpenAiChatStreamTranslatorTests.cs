using System.Buffers;
using System.Text;
using OrleansProxy.Gateway.Errors;
using OrleansProxy.Gateway.Streaming;

namespace OrleansProxy.Gateway.Tests.Streaming;

public class OpenAiChatStreamTranslatorTests
{
    private const string Head = "data: {\"id\":\"chatcmpl-req-1\",\"object\":\"chat.completion.chunk\",\"created\":1750000000,\"model\":\"claude-3-5-sonnet\",\"choices\":[";

    [Fact]
    public void TextAnswer_BecomesChunksThenDone()
    {
        var translator = StreamTranslatorFactory.OpenAi(includeUsage: false);

        var sse = StreamSamples.Run(translator, StreamSamples.TextAnswer);

        Assert.Equal(
            Head + "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n" +
            Head + "{\"index\":0,\"delta\":{\"content\":\"Hello\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n" +
            Head + "{\"index\":0,\"delta\":{\"content\":\" \\\"wörld\\\"\\n\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n" +
            Head + "{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n" +
            "data: [DONE]\n\n",
            sse);
        Assert.Equal(new StreamUsage(25, 12, "end_turn", true), translator.Usage);
    }

    [Fact]
    public void IncludeUsage_AddsNullUsageToChunksAndAFinalUsageChunk()
    {
        var sse = StreamSamples.Run(StreamTranslatorFactory.OpenAi(includeUsage: true), StreamSamples.TextAnswer);

        Assert.Equal(
            Head + "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n" +
            Head + "{\"index\":0,\"delta\":{\"content\":\"Hello\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n" +
            Head + "{\"index\":0,\"delta\":{\"content\":\" \\\"wörld\\\"\\n\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n" +
            Head + "{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":null}\n\n" +
            Head + "],\"usage\":{\"prompt_tokens\":25,\"completion_tokens\":12,\"total_tokens\":37}}\n\n" +
            "data: [DONE]\n\n",
            sse);
    }

    [Fact]
    public void ToolUse_BecomesToolCallDeltas()
    {
        var translator = StreamTranslatorFactory.OpenAi(includeUsage: false);

        var sse = StreamSamples.Run(translator, StreamSamples.ToolAnswer);

        Assert.Equal(
            Head + "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n" +
            Head + "{\"index\":0,\"delta\":{\"content\":\"Checking.\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n" +
            Head + "{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"toolu_01\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]},\"logprobs\":null,\"finish_reason\":null}]}\n\n" +
            Head + "{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\": \\\"Pa\"}}]},\"logprobs\":null,\"finish_reason\":null}]}\n\n" +
            Head + "{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"ris\\\"}\"}}]},\"logprobs\":null,\"finish_reason\":null}]}\n\n" +
            Head + "{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}]}\n\n" +
            "data: [DONE]\n\n",
            sse);
        Assert.Equal(new StreamUsage(25, 40, "tool_use", true), translator.Usage);
    }

    [Fact]
    public void SecondToolCall_GetsTheNextIndex()
    {
        var sse = StreamSamples.Run(StreamTranslatorFactory.OpenAi(includeUsage: false),
        [
            """{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"a","name":"f","input":{}}}""",
            """{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"b","name":"g","input":{}}}""",
            """{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{}"}}""",
        ], end: false);

        Assert.Contains("{\"tool_calls\":[{\"index\":1,\"id\":\"b\"", sse, StringComparison.Ordinal);
        Assert.EndsWith("{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"{}\"}}]},\"logprobs\":null,\"finish_reason\":null}]}\n\n", sse, StringComparison.Ordinal);
    }

    [Fact]
    public void ThinkingAndPing_ProduceNoChunks()
    {
        var sse = StreamSamples.Run(StreamTranslatorFactory.OpenAi(includeUsage: false),
        [
            """{"type":"ping"}""",
            """{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}""",
            """{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"hmm"}}""",
            """{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"abc"}}""",
        ], end: false);

        Assert.Equal("", sse);
    }

    [Fact]
    public void MidStreamError_WritesOpenAiErrorAndNoDone()
    {
        var translator = StreamTranslatorFactory.OpenAi(includeUsage: true);
        var output = new ArrayBufferWriter<byte>();

        translator.OnError(new ProxyError(429, "rate_limit_error", "Too many tokens, please wait before trying again."), output);
        translator.OnEnd(output);

        Assert.Equal(
            "data: {\"error\":{\"message\":\"Too many tokens, please wait before trying again.\",\"type\":\"rate_limit_error\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}\n\n",
            Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void ModelNameWithQuotes_IsEscapedInEveryChunk()
    {
        var translator = new OpenAiChatStreamTranslator("we\"ird", "r\\1", StreamTranslatorFactory.Now, includeUsage: false);

        var sse = StreamSamples.Run(translator, [StreamSamples.MessageStart], end: false);

        Assert.StartsWith("data: {\"id\":\"chatcmpl-r\\\\1\",\"object\":\"chat.completion.chunk\",\"created\":1750000000,\"model\":\"we\\\"ird\",", sse, StringComparison.Ordinal);
    }
}
