using System.Text.Json;

namespace OrleansProxy.Gateway.Translation;

/// <summary>Writes an OpenAI <c>chat.completion</c> object from a Messages answer.</summary>
internal static class OpenAiResponses
{
    public static byte[] FromMessages(ReadOnlySpan<byte> json, MessagesAnswer answer, string model, string requestId, DateTimeOffset now)
    {
        using var output = new PooledJson(json.Length + 320);
        var writer = output.Writer;
        writer.WriteStartObject();
        writer.WriteString("id"u8, "chatcmpl-" + requestId);
        writer.WriteString("object"u8, "chat.completion"u8);
        writer.WriteNumber("created"u8, now.ToUnixTimeSeconds());
        writer.WriteString("model"u8, model);
        writer.WriteStartArray("choices"u8);
        writer.WriteStartObject();
        writer.WriteNumber("index"u8, 0);
        WriteMessage(writer, json, answer);
        writer.WriteNull("logprobs"u8);
        writer.WritePropertyName("finish_reason"u8);
        writer.WriteRawValue(StopReasons.ToOpenAi(answer.StopReason.Of(json)), skipInputValidation: true);
        writer.WriteEndObject();
        writer.WriteEndArray();
        WriteUsage(writer, answer.InputTokens, answer.OutputTokens);
        writer.WriteEndObject();
        return output.ToArray();
    }

    /// <summary>OpenAI's <c>usage</c> object.</summary>
    public static void WriteUsage(Utf8JsonWriter writer, long inputTokens, long outputTokens)
    {
        writer.WriteStartObject("usage"u8);
        writer.WriteNumber("prompt_tokens"u8, inputTokens);
        writer.WriteNumber("completion_tokens"u8, outputTokens);
        writer.WriteNumber("total_tokens"u8, inputTokens + outputTokens);
        writer.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter writer, ReadOnlySpan<byte> json, MessagesAnswer answer)
    {
        var hasText = false;
        var hasTools = false;
        foreach (var block in answer.Blocks)
        {
            hasText |= block.IsText;
            hasTools |= !block.IsText;
        }

        writer.WriteStartObject("message"u8);
        writer.WriteString("role"u8, "assistant"u8);
        writer.WritePropertyName("content"u8);
        if (hasText)
        {
            RawJson.WriteJoinedText(writer, json, answer.Blocks);
        }
        else
        {
            // OpenAI sends null content when the assistant only calls tools.
            writer.WriteNullValue();
        }

        if (hasTools)
        {
            WriteToolCalls(writer, json, answer.Blocks);
        }

        writer.WriteEndObject();
    }

    private static void WriteToolCalls(Utf8JsonWriter writer, ReadOnlySpan<byte> json, List<AnswerBlock> blocks)
    {
        writer.WriteStartArray("tool_calls"u8);
        foreach (var block in blocks)
        {
            if (block.IsText)
            {
                continue;
            }

            writer.WriteStartObject();
            RawJson.WriteValueOrNull(writer, "id"u8, json, block.Id);
            writer.WriteString("type"u8, "function"u8);
            writer.WriteStartObject("function"u8);
            RawJson.WriteValueOrNull(writer, "name"u8, json, block.Name);
            // OpenAI carries the arguments as a string holding JSON.
            writer.WriteString("arguments"u8, block.Input.IsEmpty ? "{}"u8 : block.Input.Of(json));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
