using System.Runtime.InteropServices;
using System.Text.Json;
using OrleansProxy.Gateway.Errors;
using OrleansProxy.Gateway.Sessions;
using OrleansProxy.Models;

namespace OrleansProxy.Gateway.Translation;

/// <summary>
/// Anthropic Messages → Bedrock Messages body. Allowed fields are copied as raw JSON (message content is never
/// re-serialised); <c>model</c>, <c>stream</c>, <c>metadata</c> and keys Bedrock refuses as extraneous are dropped.
/// </summary>
internal static class MessagesRequestParser
{
    public static RequestParseResult Parse(
        JsonElement root, int bodyLength, string? anthropicBetaHeader, TranslationOptions options, SessionHints? session = null)
    {
        string? modelName = null;
        var stream = false;
        var maxTokens = 0;
        var sawMaxTokens = false;
        var sawMessages = false;
        var hasSystemMessages = false;
        JsonElement? bodyBetas = null;
        JsonElement? metadata = null, tools = null, system = null, messages = null;

        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            ProxyError? error = null;
            if (property.NameEquals("model"u8))
            {
                error = JsonFields.String(value, "model", out modelName);
            }
            else if (property.NameEquals("max_tokens"u8))
            {
                sawMaxTokens = true;
                error = JsonFields.Integer(value, "max_tokens", 1, out maxTokens);
            }
            else if (property.NameEquals("messages"u8))
            {
                sawMessages = true;
                messages = value;
                error = MessagesShape.Validate(value, out hasSystemMessages);
            }
            else if (JsonFields.IsAbsent(value))
            {
                continue;
            }
            else if (property.NameEquals("stream"u8))
            {
                error = JsonFields.Boolean(value, "stream", out stream);
            }
            else if (property.NameEquals("anthropic_beta"u8))
            {
                error = JsonFields.StringList(value, "anthropic_beta");
                bodyBetas = value;
            }
            else if (property.NameEquals("metadata"u8))
            {
                // Not forwarded (Bedrock has no use for it), but Claude Code's session id travels in it.
                metadata = value;
            }
            else if (ForwardedName(property) is { IsEmpty: false } name)
            {
                error = ValidateForwarded(name, value);
                tools = name.SequenceEqual("tools"u8) ? value : tools;
                system = name.SequenceEqual("system"u8) ? value : system;
            }

            if (error is not null)
            {
                return error;
            }
        }

        if (!sawMaxTokens)
        {
            return FieldErrors.Required("max_tokens");
        }

        if (!sawMessages)
        {
            return FieldErrors.Required("messages");
        }

        if (ModelField.Resolve(modelName, options.Aliases, out var model) is { } modelError)
        {
            return modelError;
        }

        var (betas, dropped) = options.Betas.Filter(AnthropicBetas.Merge(bodyBetas, anthropicBetaHeader), model!);
        var body = JsonOutput.Build(
            bodyLength + 64, (root, betas, hasSystemMessages), static (writer, state) => Write(writer, state.root, state.betas, state.hasSystemMessages));
        return new TranslatedRequest(
            ClientDialect.AnthropicMessages, model!, modelName!, stream, body, UpstreamBody.Messages, false, maxTokens, dropped,
            SessionKeys.ForMessages(session, model!.Family, metadata, tools, system, messages));
    }

    private static void Write(Utf8JsonWriter writer, JsonElement root, List<string>? betas, bool hasSystemMessages)
    {
        writer.WriteStartObject();
        writer.WriteString("anthropic_version"u8, BedrockBodies.AnthropicVersion);
        JsonElement? system = null;
        JsonElement messages = default;
        foreach (var property in root.EnumerateObject())
        {
            var name = ForwardedName(property);
            if (name.IsEmpty || JsonFields.IsAbsent(property.Value))
            {
                continue;
            }

            if (hasSystemMessages && name.SequenceEqual("system"u8))
            {
                system = property.Value;
            }
            else if (hasSystemMessages && name.SequenceEqual("messages"u8))
            {
                messages = property.Value;
            }
            else
            {
                writer.WritePropertyName(name);
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(property.Value), skipInputValidation: true);
            }
        }

        if (hasSystemMessages)
        {
            SystemMessages.Write(writer, system, messages);
        }

        if (betas is not null)
        {
            AnthropicBetas.Write(writer, betas);
        }

        writer.WriteEndObject();
    }

    private static readonly byte[][] ForwardedNames =
    [
        "max_tokens"u8.ToArray(), "messages"u8.ToArray(), "system"u8.ToArray(), "tools"u8.ToArray(),
        "tool_choice"u8.ToArray(), "thinking"u8.ToArray(),
    ];

    // Canonical names are written rather than the client's raw ones, which could be spelled with JSON escapes.
    private static ReadOnlySpan<byte> ForwardedName(JsonProperty property)
    {
        var name = JsonFields.CanonicalName(property, ForwardedNames);
        return name.IsEmpty ? SamplingFields.NameOf(property) : name;
    }

    private static ProxyError? ValidateForwarded(ReadOnlySpan<byte> name, JsonElement value)
    {
        if (name.SequenceEqual("system"u8))
        {
            return value.ValueKind is JsonValueKind.String or JsonValueKind.Array
                ? null
                : FieldErrors.Invalid("system", "Input should be a valid string or a list of text blocks");
        }

        if (name.SequenceEqual("tools"u8))
        {
            return JsonFields.List(value, "tools");
        }

        if (name.SequenceEqual("tool_choice"u8))
        {
            return JsonFields.Object(value, "tool_choice");
        }

        if (name.SequenceEqual("thinking"u8))
        {
            return JsonFields.Object(value, "thinking");
        }

        return SamplingFields.Validate(name, value);
    }
}
