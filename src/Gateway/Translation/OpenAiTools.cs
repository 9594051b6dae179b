using System.Runtime.InteropServices;
using System.Text.Json;
using OrleansProxy.Gateway.Errors;

namespace OrleansProxy.Gateway.Translation;

/// <summary>OpenAI function tools and <c>tool_choice</c> → Anthropic <c>tools</c> and <c>tool_choice</c>.</summary>
internal static class OpenAiTools
{
    public static ProxyError? ValidateTools(JsonElement tools)
    {
        if (tools.ValueKind != JsonValueKind.Array)
        {
            return FieldErrors.NotList("tools");
        }

        var index = 0;
        foreach (var tool in tools.EnumerateArray())
        {
            var path = $"tools.{index++}";
            if (tool.ValueKind != JsonValueKind.Object)
            {
                return FieldErrors.NotObject(path);
            }

            if (!tool.TryGetProperty("type"u8, out var type) || !JsonFields.Is(type, "function"u8))
            {
                return FieldErrors.Invalid(path + ".type", "only 'function' tools are supported");
            }

            if (!tool.TryGetProperty("function"u8, out var function) || function.ValueKind != JsonValueKind.Object)
            {
                return FieldErrors.NotObject(path + ".function");
            }

            if (!function.TryGetProperty("name"u8, out var name) || name.ValueKind != JsonValueKind.String)
            {
                return FieldErrors.NotString(path + ".function.name");
            }

            if (function.TryGetProperty("parameters"u8, out var parameters) && !JsonFields.IsAbsent(parameters)
                && parameters.ValueKind != JsonValueKind.Object)
            {
                return FieldErrors.NotObject(path + ".function.parameters");
            }
        }

        return null;
    }

    public static ProxyError? ValidateChoice(JsonElement choice)
    {
        if (choice.ValueKind == JsonValueKind.String)
        {
            return choice.ValueEquals("auto"u8) || choice.ValueEquals("none"u8) || choice.ValueEquals("required"u8)
                ? null
                : FieldErrors.Invalid("tool_choice", "Input should be 'none', 'auto', 'required' or a function choice");
        }

        if (choice.ValueKind != JsonValueKind.Object)
        {
            return FieldErrors.Invalid("tool_choice", "Input should be 'none', 'auto', 'required' or a function choice");
        }

        return choice.TryGetProperty("function"u8, out var function)
            && function.ValueKind == JsonValueKind.Object
            && function.TryGetProperty("name"u8, out var name)
            && name.ValueKind == JsonValueKind.String
            ? null
            : FieldErrors.NotString("tool_choice.function.name");
    }

    public static void WriteTools(Utf8JsonWriter writer, JsonElement tools)
    {
        writer.WriteStartArray("tools"u8);
        foreach (var tool in tools.EnumerateArray())
        {
            var function = tool.GetProperty("function"u8);
            writer.WriteStartObject();
            writer.WritePropertyName("name"u8);
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(function.GetProperty("name"u8)), skipInputValidation: true);
            if (function.TryGetProperty("description"u8, out var description) && description.ValueKind == JsonValueKind.String)
            {
                writer.WritePropertyName("description"u8);
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(description), skipInputValidation: true);
            }

            writer.WritePropertyName("input_schema"u8);
            if (function.TryGetProperty("parameters"u8, out var parameters) && parameters.ValueKind == JsonValueKind.Object)
            {
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(parameters), skipInputValidation: true);
            }
            else
            {
                // OpenAI allows a function without parameters; Anthropic requires a schema.
                writer.WriteRawValue("""{"type":"object","properties":{}}"""u8, skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes Anthropic's <c>tool_choice</c>; <paramref name="parallel"/> false maps to <c>disable_parallel_tool_use</c>.</summary>
    public static void WriteChoice(Utf8JsonWriter writer, JsonElement? choice, bool parallel)
    {
        if (choice is null && parallel)
        {
            return;
        }

        writer.WriteStartObject("tool_choice"u8);
        if (choice is not { } value || (value.ValueKind == JsonValueKind.String && value.ValueEquals("auto"u8)))
        {
            writer.WriteString("type"u8, "auto"u8);
        }
        else if (value.ValueKind == JsonValueKind.String && value.ValueEquals("none"u8))
        {
            writer.WriteString("type"u8, "none"u8);
            writer.WriteEndObject();
            return;
        }
        else if (value.ValueKind == JsonValueKind.String)
        {
            writer.WriteString("type"u8, "any"u8);
        }
        else
        {
            writer.WriteString("type"u8, "tool"u8);
            writer.WritePropertyName("name"u8);
            writer.WriteRawValue(
                JsonMarshal.GetRawUtf8Value(value.GetProperty("function"u8).GetProperty("name"u8)), skipInputValidation: true);
        }

        if (!parallel)
        {
            writer.WriteBoolean("disable_parallel_tool_use"u8, true);
        }

        writer.WriteEndObject();
    }
}
