using System.Text;
using System.Text.Json;
using OrleansProxy.Gateway.Errors;

namespace OrleansProxy.Gateway.Translation;

/// <summary>An OpenAI assistant message's <c>tool_calls</c> → Anthropic <c>tool_use</c> blocks.</summary>
internal static class OpenAiToolCalls
{
    public static ProxyError? Add(JsonElement message, string path, TranslationOptions options, List<ChatBlock> blocks)
    {
        if (!message.TryGetProperty("tool_calls"u8, out var calls) || JsonFields.IsAbsent(calls))
        {
            return null;
        }

        if (calls.ValueKind != JsonValueKind.Array)
        {
            return FieldErrors.NotList(path + ".tool_calls");
        }

        var index = 0;
        foreach (var call in calls.EnumerateArray())
        {
            var callPath = $"{path}.tool_calls.{index++}";
            if (call.ValueKind != JsonValueKind.Object)
            {
                return FieldErrors.NotObject(callPath);
            }

            if (!call.TryGetProperty("id"u8, out var id) || id.ValueKind != JsonValueKind.String)
            {
                return FieldErrors.NotString(callPath + ".id");
            }

            if (!call.TryGetProperty("function"u8, out var function) || function.ValueKind != JsonValueKind.Object)
            {
                return FieldErrors.NotObject(callPath + ".function");
            }

            if (!function.TryGetProperty("name"u8, out var name) || name.ValueKind != JsonValueKind.String)
            {
                return FieldErrors.NotString(callPath + ".function.name");
            }

            if (Arguments(function, callPath + ".function.arguments", options, out var arguments) is { } error)
            {
                return error;
            }

            blocks.Add(new ChatBlock(ChatBlockKind.ToolUse, id, name, Json: arguments));
        }

        return null;
    }

    // OpenAI carries tool arguments as a string of JSON; Anthropic's tool_use.input is the object itself.
    private static ProxyError? Arguments(JsonElement function, string path, TranslationOptions options, out byte[] arguments)
    {
        arguments = "{}"u8.ToArray();
        if (!function.TryGetProperty("arguments"u8, out var value) || JsonFields.IsAbsent(value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return FieldErrors.NotString(path);
        }

        var text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var utf8 = Encoding.UTF8.GetBytes(text);
        if (!JsonText.IsObject(utf8, options.MaxNestingDepth))
        {
            return FieldErrors.Invalid(path, "must be a JSON object encoded as a string");
        }

        arguments = utf8;
        return null;
    }
}
