using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using static OrleansProxy.Testing.FakeBedrock.Invocation.JsonSchemaText;

namespace OrleansProxy.Testing.FakeBedrock.Invocation;

/// <summary>
/// Bedrock's schema for Anthropic Messages bodies. Keys outside it (notably <c>model</c> and
/// <c>stream</c>, which Anthropic's own API takes) are refused, which is why the product must
/// strip them before forwarding.
/// </summary>
internal static class MessagesBodyValidator
{
    public const string AnthropicVersion = "bedrock-2023-05-31";

    private static readonly FrozenSet<string> AllowedKeys = new[]
    {
        "anthropic_version", "max_tokens", "messages", "system", "stop_sequences", "temperature",
        "top_p", "top_k", "tools", "tool_choice", "thinking", "anthropic_beta", "metadata",
        "context_management", "output_config",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly string[] RequiredKeys = ["anthropic_version", "max_tokens", "messages"];

    /// <summary>Returns the schema violations (empty when valid) and, when valid, what the body asks.</summary>
    public static List<string> Validate(JsonElement root, out InvocationBody? body)
    {
        body = null;
        var violations = CheckObject(root, RequiredKeys, AllowedKeys, CheckValue);

        if (violations.Count == 0)
        {
            var messages = root.GetProperty("messages");
            violations.AddRange(CheckMessages(messages));
            if (violations.Count == 0)
            {
                var system = root.TryGetProperty("system", out var s) ? TextLength(s) : 0;
                var points = CacheBreakpoints.Read(root, out var toolCharacters);
                body = new InvocationBody(FakeModelApi.Messages, LastUserText(messages), toolCharacters + system + PromptLength(messages))
                {
                    CachePoints = points,
                };
            }
        }

        return violations;
    }

    private static string? CheckValue(string key, JsonElement value) => key switch
    {
        "anthropic_version" => ExpectString("#/anthropic_version", value)
            ?? (value.GetString() == AnthropicVersion ? null : $"#/anthropic_version: {value.GetString()} is not a valid enum value"),
        "max_tokens" => ExpectInteger("#/max_tokens", value, minimum: 1),
        "messages" => ExpectArray("#/messages", value)
            ?? (value.GetArrayLength() > 0 ? null : "#/messages: expected minimum item count: 1, found: 0"),
        "system" => ExpectStringOrArray("#/system", value),
        "stop_sequences" or "tools" or "anthropic_beta" => ExpectArray($"#/{key}", value),
        "temperature" or "top_p" => ExpectNumber($"#/{key}", value),
        "top_k" => ExpectInteger("#/top_k", value, minimum: 0),
        "tool_choice" or "thinking" or "metadata" or "context_management" or "output_config" => ExpectObject($"#/{key}", value),
        _ => null,
    };

    private static IEnumerable<string> CheckMessages(JsonElement messages)
    {
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var path = $"#/messages/{index++}";
            if (ExpectObject(path, message) is { } notObject)
            {
                yield return notObject;
                continue;
            }

            if (!message.TryGetProperty("role", out var role))
            {
                yield return $"{path}: required key [role] not found";
            }
            else if (role.ValueKind != JsonValueKind.String || role.GetString() is not ("user" or "assistant"))
            {
                yield return $"{path}/role: {role} is not a valid enum value";
            }

            if (!message.TryGetProperty("content", out var content))
            {
                yield return $"{path}: required key [content] not found";
            }
            else if (ExpectStringOrArray($"{path}/content", content) is { } badContent)
            {
                yield return badContent;
            }
        }
    }

    private static string LastUserText(JsonElement messages)
    {
        var text = "";
        foreach (var message in messages.EnumerateArray())
        {
            if (message.GetProperty("role").GetString() == "user")
            {
                text = ContentText(message.GetProperty("content"));
            }
        }

        return text;
    }

    private static string ContentText(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }

        var builder = new StringBuilder();
        foreach (var block in content.EnumerateArray())
        {
            if (block.ValueKind == JsonValueKind.Object && block.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
            {
                builder.Append(builder.Length > 0 ? "\n" : "").Append(text.GetString());
            }
        }

        return builder.ToString();
    }

    private static int PromptLength(JsonElement messages)
    {
        var length = 0;
        foreach (var message in messages.EnumerateArray())
        {
            length += TextLength(message.GetProperty("content"));
        }

        return length;
    }

    // Prompt size counts string content, the "text" of content blocks and the content of tool results.
    internal static int TextLength(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString()!.Length;
            case JsonValueKind.Array:
                var length = 0;
                foreach (var block in value.EnumerateArray())
                {
                    length += BlockLength(block);
                }

                return length;
            default:
                return 0;
        }
    }

    /// <summary>The prompt size one content block adds (see <see cref="TextLength"/>).</summary>
    internal static int BlockLength(JsonElement block)
    {
        if (block.ValueKind != JsonValueKind.Object)
        {
            return 0;
        }

        var length = 0;
        if (block.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
        {
            length += text.GetString()!.Length;
        }

        if (block.TryGetProperty("content", out var nested))
        {
            length += TextLength(nested);
        }

        return length;
    }
}
