using System.Runtime.InteropServices;
using System.Text.Json;
using OrleansProxy.Gateway.Errors;

namespace OrleansProxy.Gateway.Translation;

/// <summary>
/// OpenAI Chat Completions → a Bedrock Messages body. Fields with no Claude counterpart (<c>seed</c>,
/// <c>logit_bias</c>, penalties, <c>user</c>, ...) are ignored, as OpenAI-compatible servers commonly do.
/// </summary>
internal static class OpenAiChatRequestParser
{
    public static RequestParseResult Parse(JsonElement root, int bodyLength, TranslationOptions options)
    {
        var fields = new OpenAiChatFields();
        foreach (var property in root.EnumerateObject())
        {
            if (fields.Read(property) is { } error)
            {
                return error;
            }
        }

        if (fields.Messages is not { } messages)
        {
            return FieldErrors.Required("messages");
        }

        if (OpenAiMessages.Convert(messages, options, out var conversation) is { } conversationError)
        {
            return conversationError;
        }

        if (ModelField.Resolve(fields.Model, options.Aliases, out var model) is { } modelError)
        {
            return modelError;
        }

        var maxTokens = fields.MaxTokens ?? options.DefaultOpenAiMaxTokens;
        var body = JsonOutput.Build(bodyLength + 256, (fields, conversation, maxTokens), static (writer, state) =>
            Write(writer, state.fields, state.conversation, state.maxTokens));
        return new TranslatedRequest(
            ClientDialect.OpenAiChat, model!, fields.Model!, fields.Stream, body, UpstreamBody.Messages,
            fields.Stream && fields.IncludeUsage, maxTokens);
    }

    private static void Write(Utf8JsonWriter writer, OpenAiChatFields fields, OpenAiConversation conversation, int maxTokens)
    {
        writer.WriteStartObject();
        writer.WriteString("anthropic_version"u8, BedrockBodies.AnthropicVersion);
        writer.WriteNumber("max_tokens"u8, maxTokens);
        ChatTurnWriter.WriteSystem(writer, conversation.System);
        ChatTurnWriter.WriteMessages(writer, conversation.Turns);
        if (fields.Temperature is { } temperature)
        {
            // OpenAI's scale runs 0–2, Anthropic's 0–1: clamp rather than rescale so the common 0–1 values mean the same.
            if (temperature.GetDouble() > 1)
            {
                writer.WriteNumber("temperature"u8, 1);
            }
            else
            {
                CopyRaw(writer, "temperature"u8, temperature);
            }
        }

        // top_p = 1 filters nothing, and OpenAI clients send it by default; newer Claude models on Bedrock refuse
        // temperature and top_p together, so the no-op value is left out.
        if (fields.TopP is { } topP && topP.GetDouble() != 1)
        {
            CopyRaw(writer, "top_p"u8, topP);
        }

        WriteStop(writer, fields.Stop);
        if (fields.Tools is { } tools && tools.GetArrayLength() > 0)
        {
            OpenAiTools.WriteTools(writer, tools);
            OpenAiTools.WriteChoice(writer, fields.ToolChoice, fields.ParallelToolCalls);
        }

        writer.WriteEndObject();
    }

    private static void WriteStop(Utf8JsonWriter writer, JsonElement? stop)
    {
        if (stop is not { } value)
        {
            return;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            writer.WriteStartArray("stop_sequences"u8);
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(value), skipInputValidation: true);
            writer.WriteEndArray();
            return;
        }

        CopyRaw(writer, "stop_sequences"u8, value);
    }

    private static void CopyRaw(Utf8JsonWriter writer, ReadOnlySpan<byte> name, JsonElement value)
    {
        writer.WritePropertyName(name);
        writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(value), skipInputValidation: true);
    }
}
