using System.Text.Json;
using OrleansProxy.Gateway.Errors;

namespace OrleansProxy.Gateway.Translation;

/// <summary>
/// Checks the outline of a Messages <c>messages</c> array (roles, content shape) so that structural mistakes
/// get a clear 400 naming the path; block contents are left for Bedrock to judge, so new block types pass.
/// </summary>
internal static class MessagesShape
{
    public static ProxyError? Validate(JsonElement messages)
    {
        if (messages.ValueKind != JsonValueKind.Array)
        {
            return FieldErrors.NotList("messages");
        }

        if (messages.GetArrayLength() == 0)
        {
            return FieldErrors.Invalid("messages", "at least one message is required");
        }

        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            if (ValidateMessage(message, index) is { } error)
            {
                return error;
            }

            index++;
        }

        return null;
    }

    private static ProxyError? ValidateMessage(JsonElement message, int index)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            return FieldErrors.NotObject($"messages.{index}");
        }

        if (!message.TryGetProperty("role"u8, out var role))
        {
            return FieldErrors.Required($"messages.{index}.role");
        }

        if (role.ValueKind != JsonValueKind.String || !(role.ValueEquals("user"u8) || role.ValueEquals("assistant"u8)))
        {
            return FieldErrors.Invalid($"messages.{index}.role", "Input should be 'user' or 'assistant'");
        }

        if (!message.TryGetProperty("content"u8, out var content))
        {
            return FieldErrors.Required($"messages.{index}.content");
        }

        return content.ValueKind switch
        {
            JsonValueKind.String => null,
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
