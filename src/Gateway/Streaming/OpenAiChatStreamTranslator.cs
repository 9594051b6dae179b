using System.Buffers;
using System.Globalization;
using System.Text;
using OrleansProxy.Gateway.Errors;
using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.Streaming;

/// <summary>
/// Messages events → OpenAI <c>chat.completion.chunk</c> data lines: a first chunk with the role, text deltas as
/// <c>content</c>, tool use as <c>tool_calls</c> deltas, a chunk with <c>finish_reason</c>, an optional usage
/// chunk, then <c>data: [DONE]</c>.
/// </summary>
internal sealed class OpenAiChatStreamTranslator : StreamTranslatorBase
{
    private readonly byte[] _chunkHead;
    private readonly bool _includeUsage;
    private int _toolCalls;

    public OpenAiChatStreamTranslator(string model, string requestId, DateTimeOffset created, bool includeUsage)
    {
        _includeUsage = includeUsage;
        var encodedModel = Encoding.UTF8.GetString(JsonOutput.EncodeString(model));
        var id = Encoding.UTF8.GetString(JsonOutput.EncodeString("chatcmpl-" + requestId));
        var seconds = created.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        _chunkHead = Encoding.UTF8.GetBytes(
            $$"""data: {"id":"{{id}}","object":"chat.completion.chunk","created":{{seconds}},"model":"{{encodedModel}}","choices":[""");
    }

    protected override void Translate(in ModelEvent modelEvent, ReadOnlySpan<byte> json, IBufferWriter<byte> output)
    {
        switch (modelEvent.Type)
        {
            case ModelEventType.MessageStart:
                WriteChoice(output, """{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}"""u8);
                break;
            case ModelEventType.ContentBlockStart when modelEvent.Part == ModelEventPart.ToolUse:
                WriteToolCallStart(output, modelEvent, json);
                break;
            case ModelEventType.ContentBlockStart or ModelEventType.ContentBlockDelta
                when modelEvent.Part == ModelEventPart.Text && !modelEvent.Text.IsEmpty:
                WriteDelta(output, """{"index":0,"delta":{"content":"""u8, modelEvent.Text.Of(json), """},"logprobs":null,"finish_reason":null}"""u8);
                break;
            case ModelEventType.ContentBlockDelta when modelEvent.Part == ModelEventPart.InputJson && !modelEvent.Text.IsEmpty:
                WriteToolArguments(output, modelEvent.Text.Of(json));
                break;
            case ModelEventType.MessageDelta when modelEvent.HasStopReason(json):
                output.Write(_chunkHead);
                output.Write("""{"index":0,"delta":{},"logprobs":null,"finish_reason":"""u8);
                output.Write(StopReasons.ToOpenAi(modelEvent.StopReason.Of(json)));
                output.Write("}"u8);
                WriteChunkTail(output);
                break;
            case ModelEventType.MessageStop when _includeUsage:
                WriteUsage(output);
                break;
        }
    }

    protected override void WriteError(ProxyError error, IBufferWriter<byte> output) => SseErrorFrames.WriteOpenAi(output, error);

    protected override void WriteEnd(IBufferWriter<byte> output) => output.Write("data: [DONE]\n\n"u8);

    private void WriteChoice(IBufferWriter<byte> output, ReadOnlySpan<byte> choice)
    {
        output.Write(_chunkHead);
        output.Write(choice);
        WriteChunkTail(output);
    }

    private void WriteDelta(IBufferWriter<byte> output, ReadOnlySpan<byte> head, ReadOnlySpan<byte> escapedText, ReadOnlySpan<byte> tail)
    {
        output.Write(_chunkHead);
        output.Write(head);
        SseWriter.WriteQuoted(output, escapedText);
        output.Write(tail);
        WriteChunkTail(output);
    }

    // OpenAI numbers tool calls 0, 1, ... within the message; Anthropic's block index also counts text blocks.
    private void WriteToolCallStart(IBufferWriter<byte> output, in ModelEvent modelEvent, ReadOnlySpan<byte> json)
    {
        output.Write(_chunkHead);
        output.Write("""{"index":0,"delta":{"tool_calls":[{"index":"""u8);
        SseWriter.WriteNumber(output, _toolCalls++);
        output.Write(""","id":"""u8);
        SseWriter.WriteQuoted(output, modelEvent.ToolId.Of(json));
        output.Write(""","type":"function","function":{"name":"""u8);
        SseWriter.WriteQuoted(output, modelEvent.ToolName.Of(json));
        output.Write(""","arguments":""}}]},"logprobs":null,"finish_reason":null}"""u8);
        WriteChunkTail(output);
    }

    private void WriteToolArguments(IBufferWriter<byte> output, ReadOnlySpan<byte> escapedPartialJson)
    {
        output.Write(_chunkHead);
        output.Write("""{"index":0,"delta":{"tool_calls":[{"index":"""u8);
        SseWriter.WriteNumber(output, Math.Max(_toolCalls - 1, 0));
        output.Write(""","function":{"arguments":"""u8);
        // partial_json is a JSON string in both dialects: its escaped contents carry over unchanged.
        SseWriter.WriteQuoted(output, escapedPartialJson);
        output.Write("""}}]},"logprobs":null,"finish_reason":null}"""u8);
        WriteChunkTail(output);
    }

    // With include_usage, OpenAI puts "usage":null on every chunk and sends the totals in a last chunk with no choices.
    private void WriteChunkTail(IBufferWriter<byte> output) =>
        output.Write(_includeUsage ? "],\"usage\":null}\n\n"u8 : "]}\n\n"u8);

    private void WriteUsage(IBufferWriter<byte> output)
    {
        var usage = Usage;
        output.Write(_chunkHead);
        output.Write("""],"usage":{"prompt_tokens":"""u8);
        SseWriter.WriteNumber(output, usage.InputTokens);
        output.Write(""","completion_tokens":"""u8);
        SseWriter.WriteNumber(output, usage.OutputTokens);
        output.Write(""","total_tokens":"""u8);
        SseWriter.WriteNumber(output, usage.InputTokens + usage.OutputTokens);
        output.Write("}}\n\n"u8);
    }
}
