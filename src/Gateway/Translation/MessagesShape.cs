using System.Text.Json;
using OrleansProxy.Gateway.Errors;

namespace OrleansProxy.Gateway.Translation;

/// <summary>
/// Checks the outline of a Messages <c>messages</c> array (roles, content shape) so that structural mistakes
/// get a clear 400 naming the path; block contents are left for Bedrock to judge, so new block types pass.
/// </summary>
internal static class MessagesShape
{
    /// <summary>Validates <paramref name="messages"/>; <paramref name="hasSystem"/> tells whether any has <c>role: "system"</c>.</summary>
    public static ProxyError? Validate(JsonElement messages, out bool hasSystem)
    {
        hasSystem = false;
        if (messages.ValueKind != JsonValueKind.Array)
        {
            return FieldErrors.NotList("messages");
        }

        if (messages.GetArrayLength() == 0)
        {
            return FieldErrors.Invalid("messages", "at least one message is required");
        }

        var index = 0;
        var conversational = 0;
        foreach (var message in messages.EnumerateArray())
        {
            if (ValidateMessage(message, index, out var isSystem) is { } error)
            {
                return error;
            }

            hasSystem |= isSystem;
            conversational += isSystem ? 0 : 1;
            index++;
        }

        return conversational == 0
            ? FieldErrors.Invalid("messages", "at least one user or assistant message is required")
            : null;
    }

    private static ProxyError? ValidateMessage(JsonElement message, int index, out bool isSystem)
    {
        isSystem = false;
        if (message.ValueKind != JsonValueKind.Object)
        {
            return FieldErrors.NotObject($"messages.{index}");
        }

        if (!message.TryGetProperty("role"u8, out var role))
        {
            return FieldErrors.Required($"messages.{index}.role");
        }

        // Claude Code's per-turn control sends role "system" inside messages; Bedrock takes only user and assistant,
        // so SystemMessages folds them (text only: that is all a system prompt can hold).
        isSystem = role.ValueKind == JsonValueKind.String && role.ValueEquals("system"u8);
        if (role.ValueKind != JsonValueKind.String
            || !(isSystem || role.ValueEquals("user"u8) || role.ValueEquals("assistant"u8)))
        {
            return FieldErrors.Invalid($"messages.{index}.role", "Input should be 'user', 'assistant' or 'system'");
        }

        if (!message.TryGetProperty("content"u8, out var content))
        {
            return FieldErrors.Required($"messages.{index}.content");
        }

        return content.ValueKind switch
        {
            JsonValueKind.String => null,
            JsonValueKind.Array when isSystem => SystemMessages.ValidateTextBlocks(content, $"messages.{index}.content"),
            JsonValueKind.Array => ValidateBlocks(content, index),
            _ => FieldErrors.Invalid($"messages.{index}.content", "Input should be a valid string or a list of content blocks"),
        };
    }

    private static ProxyError? ValidateBlocks(JsonElement blocks, int messageIndex)
    {
        var index = 0;
        foreach (var block in blocks.EnumerateArray())
        {
            if (block.ValueKind != JsonValueKind.Object)
            {
                return FieldErrors.NotObject($"messages.{messageIndex}.content.{index}");
            }

            if (!block.TryGetProperty("type"u8, out var type))
            {
                return FieldErrors.Required($"messages.{messageIndex}.content.{index}.type");
            }

            if (type.ValueKind != JsonValueKind.String)
            {
                return FieldErrors.NotString($"messages.{messageIndex}.content.{index}.type");
            }

            index++;
        }

        return null;
    }
}
