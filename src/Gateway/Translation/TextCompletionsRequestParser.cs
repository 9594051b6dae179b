using System.Runtime.InteropServices;
using System.Text.Json;
using OrleansProxy.Gateway.Errors;

namespace OrleansProxy.Gateway.Translation;

/// <summary>
/// Anthropic <c>/v1/complete</c> → a legacy Text Completions body for models that take one (Claude 2.x, Instant),
/// else a Messages body converted from the prompt (Claude 3 and later only speak Messages).
/// </summary>
internal static class TextCompletionsRequestParser
{
    public static RequestParseResult Parse(JsonElement root, int bodyLength, TranslationOptions options)
    {
        string? modelName = null;
        string? prompt = null;
        var stream = false;
        var maxTokens = 0;
        var sawMaxTokens = false;

        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            ProxyError? error = null;
            if (property.NameEquals("model"u8))
            {
                error = JsonFields.String(value, "model", out modelName);
            }
            else if (property.NameEquals("prompt"u8))
            {
                error = JsonFields.String(value, "prompt", out prompt);
            }
            else if (property.NameEquals("max_tokens_to_sample"u8))
            {
                sawMaxTokens = true;
                error = JsonFields.Integer(value, "max_tokens_to_sample", 1, out maxTokens);
            }
            else if (property.NameEquals("stream"u8) && !JsonFields.IsAbsent(value))
            {
                error = JsonFields.Boolean(value, "stream", out stream);
            }
            else if (SamplingFields.NameOf(property) is { IsEmpty: false } name)
            {
                error = SamplingFields.Validate(name, value);
            }

            if (error is not null)
            {
                return error;
            }
        }

        if (prompt is null)
        {
            return FieldErrors.Required("prompt");
        }

        if (!sawMaxTokens)
        {
            return FieldErrors.Required("max_tokens_to_sample");
        }

        if (LegacyPrompt.Validate(prompt) is { } promptError)
        {
            return promptError;
        }

        if (ModelField.Resolve(modelName, options.Aliases, out var model) is { } modelError)
        {
            return modelError;
        }

        if (model!.Model.AcceptsTextCompletions)
        {
            var legacy = JsonOutput.Build(bodyLength, root, WriteLegacy);
            return new TranslatedRequest(
                ClientDialect.AnthropicTextCompletions, model, modelName!, stream, legacy, UpstreamBody.TextCompletions, false, maxTokens);
        }

        var turns = LegacyPrompt.ToTurns(prompt, out var system);
        if (turns.Count == 0 || !turns[0].IsUser)
        {
            return FieldErrors.Invalid("prompt", "the first \"\\n\\nHuman:\" turn has no text");
        }

        var messages = JsonOutput.Build(bodyLength + 128, (root, turns, system), static (writer, state) =>
            WriteMessages(writer, state.root, state.turns, state.system));
        return new TranslatedRequest(
            ClientDialect.AnthropicTextCompletions, model, modelName!, stream, messages, UpstreamBody.Messages, false, maxTokens);
    }

    private static void WriteLegacy(Utf8JsonWriter writer, JsonElement root)
    {
        writer.WriteStartObject();
        foreach (var property in root.EnumerateObject())
        {
            var name = property.NameEquals("prompt"u8) ? "prompt"u8
                : property.NameEquals("max_tokens_to_sample"u8) ? "max_tokens_to_sample"u8
                : SamplingFields.NameOf(property);
            CopyRaw(writer, name, property.Value);
        }

        writer.WriteEndObject();
    }

    private static void WriteMessages(Utf8JsonWriter writer, JsonElement root, List<PromptTurn> turns, string? system)
    {
        writer.WriteStartObject();
        writer.WriteString("anthropic_version"u8, BedrockBodies.AnthropicVersion);
        if (system is not null)
        {
            writer.WriteString("system"u8, system);
        }

        writer.WriteStartArray("messages"u8);
        foreach (var turn in turns)
        {
            writer.WriteStartObject();
            writer.WriteString("role"u8, turn.IsUser ? "user"u8 : "assistant"u8);
            writer.WriteString("content"u8, turn.Text);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        foreach (var property in root.EnumerateObject())
        {
            var name = property.NameEquals("max_tokens_to_sample"u8) ? "max_tokens"u8 : SamplingFields.NameOf(property);
            CopyRaw(writer, name, property.Value);
        }

        writer.WriteEndObject();
    }

    private static void CopyRaw(Utf8JsonWriter writer, ReadOnlySpan<byte> name, JsonElement value)
    {
        if (!name.IsEmpty && !JsonFields.IsAbsent(value))
        {
            writer.WritePropertyName(name);
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(value), skipInputValidation: true);
        }
    }
}
