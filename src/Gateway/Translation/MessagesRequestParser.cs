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
    /// <summary>
    /// <c>max_tokens</c> filled into a count_tokens body that has none (what Anthropic's Bedrock clients and LiteLLM
    /// send); raised above the thinking budget when there is one, which Bedrock requires to be below max_tokens.
    /// </summary>
    public const int TokenCountMaxTokens = 1024;

    /// <summary>Translates a Messages body.</summary>
    /// <param name="root">The body.</param>
    /// <param name="bodyLength">Its length, a size hint for the output.</param>
    /// <param name="anthropicBetaHeader">The client's <c>anthropic-beta</c> header, if any.</param>
    /// <param name="options">Translation settings.</param>
    /// <param name="pathModel">The model when the client named it outside the body (the Bedrock front door's path): the
    /// body then needs no <c>model</c>, and one it has is dropped like any key Bedrock refuses.</param>
    /// <param name="session">What the request's headers say about its prompt-cache session.</param>
    public static RequestParseResult Parse(
        JsonElement root, int bodyLength, string? anthropicBetaHeader, TranslationOptions options, ResolvedModel? pathModel = null,
        SessionHints? session = null)
    {
        string? modelName = null;
        var stream = false;
        var maxTokens = 0;
        var sawMaxTokens = false;
        var sawMessages = false;
        var hasSystemMessages = false;
        var thinkingBudget = 0;
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
                if (error is null && options.TokenCount && name.SequenceEqual("thinking"u8))
                {
                    thinkingBudget = ThinkingBudget(value);
                }
                tools = name.SequenceEqual("tools"u8) ? value : tools;
                system = name.SequenceEqual("system"u8) ? value : system;
            }

            if (error is not null)
            {
                return error;
            }
        }

        int? fillMaxTokens = null;
        if (!sawMaxTokens)
        {
            if (!options.TokenCount)
            {
                return FieldErrors.Required("max_tokens");
            }

            maxTokens = thinkingBudget >= TokenCountMaxTokens ? thinkingBudget + TokenCountMaxTokens : TokenCountMaxTokens;
            fillMaxTokens = maxTokens;
        }

        if (!sawMessages)
        {
            return FieldErrors.Required("messages");
        }

        var model = pathModel;
        if (model is null && ModelField.Resolve(modelName, options.Aliases, out model) is { } modelError)
        {
            return modelError;
        }

        var generation = ModelGenerations.Of(model!.Family);
        var plan = FieldPlan.Build(root, options.Fields, generation, maxTokens, out var fieldError);
        if (fieldError is not null)
        {
            return fieldError;
        }

        var (betas, dropped) = options.Betas.Filter(AnthropicBetas.Merge(bodyBetas, anthropicBetaHeader), model!, generation);
        var body = JsonOutput.Build(
            bodyLength + 64,
            (root, betas, hasSystemMessages, fillMaxTokens, plan),
            static (writer, state) => Write(writer, state.root, state.betas, state.hasSystemMessages, state.fillMaxTokens, state.plan));
        return new TranslatedRequest(
            ClientDialect.AnthropicMessages, model!, modelName ?? model!.RequestedId, stream, body, UpstreamBody.Messages, false, maxTokens, dropped,
            SessionKeys.ForMessages(session, model!.Family, metadata, tools, system, messages))
        {
            DroppedFields = plan.Dropped,
        };
    }

    private static void Write(
        Utf8JsonWriter writer, JsonElement root, List<string>? betas, bool hasSystemMessages, int? fillMaxTokens, FieldPlan plan)
    {
        writer.WriteStartObject();
        writer.WriteString("anthropic_version"u8, BedrockBodies.AnthropicVersion);
        if (fillMaxTokens is { } filled)
        {
            writer.WriteNumber("max_tokens"u8, filled);
        }

        JsonElement? system = null;
        JsonElement messages = default;
        foreach (var property in root.EnumerateObject())
        {
            var name = ForwardedName(property);
            if (JsonFields.IsAbsent(property.Value))
            {
                continue;
            }

            if (name.IsEmpty)
            {
                // Fields the policy passes for this model, as sent (output_config member by member below its generation).
                if (plan.Passes(property))
                {
                    if (plan.RewriteOutputConfig && property.NameEquals("output_config"u8))
                    {
                        plan.WriteOutputConfig(writer, property.Name, property.Value);
                    }
                    else
                    {
                        property.WriteTo(writer);
                    }
                }

                continue;
            }

            if (plan.RewriteTools && name.SequenceEqual("tools"u8))
            {
                writer.WritePropertyName(name);
                plan.WriteTools(writer, property.Value);
            }
            else if (plan.RewriteThinking && name.SequenceEqual("thinking"u8))
            {
                plan.WriteThinking(writer, name, property.Value);
            }
            else if (hasSystemMessages && name.SequenceEqual("system"u8))
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

    // thinking.budget_tokens when it is a positive integer; anything else is Bedrock's to refuse.
    private static int ThinkingBudget(JsonElement thinking) =>
        thinking.TryGetProperty("budget_tokens"u8, out var budget) && budget.ValueKind == JsonValueKind.Number
        && budget.TryGetInt32(out var tokens) && tokens is > 0 and < int.MaxValue - TokenCountMaxTokens
            ? tokens
            : 0;

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
