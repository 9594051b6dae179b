using System.Text.Json;
using OrleansProxy.Gateway.Errors;

namespace OrleansProxy.Gateway.Translation;

/// <summary>
/// OpenAI chat <c>messages</c> → Messages turns: system/developer text becomes <c>system</c>, tool results become
/// user <c>tool_result</c> blocks, assistant tool calls become <c>tool_use</c> blocks.
/// </summary>
internal static class OpenAiMessages
{
    public static ProxyError? Convert(JsonElement messages, TranslationOptions options, out OpenAiConversation conversation)
    {
        conversation = new OpenAiConversation();
        if (messages.ValueKind != JsonValueKind.Array)
        {
            return FieldErrors.NotList("messages");
        }

        if (messages.GetArrayLength() == 0)
        {
            return FieldErrors.Invalid("messages", "at least one message is required");
        }

        var blocks = new List<ChatBlock>(4);
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            blocks.Clear();
            if (ConvertMessage(message, $"messages.{index++}", options, conversation, blocks) is { } error)
            {
                return error;
            }
        }

        return Finish(conversation, options);
    }

    private static ProxyError? ConvertMessage(
        JsonElement message, string path, TranslationOptions options, OpenAiConversation conversation, List<ChatBlock> blocks)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            return FieldErrors.NotObject(path);
        }

        if (!message.TryGetProperty("role"u8, out var role))
        {
            return FieldErrors.Required(path + ".role");
        }

        message.TryGetProperty("content"u8, out var content);
        if (JsonFields.Is(role, "user"u8))
        {
            if (content.ValueKind == JsonValueKind.Undefined)
            {
                return FieldErrors.Required(path + ".content");
            }

            var error = OpenAiContent.AddBlocks(content, path + ".content", allowImages: true, blocks);
            conversation.Add(isUser: true, blocks);
            return error;
        }

        if (JsonFields.Is(role, "system"u8) || JsonFields.Is(role, "developer"u8))
        {
            return OpenAiContent.AddBlocks(content, path + ".content", allowImages: false, conversation.System);
        }

        if (JsonFields.Is(role, "assistant"u8))
        {
            var error = OpenAiContent.AddBlocks(content, path + ".content", allowImages: false, blocks)
                ?? OpenAiToolCalls.Add(message, path, options, blocks);
            conversation.Add(isUser: false, blocks);
            return error;
        }

        if (JsonFields.Is(role, "tool"u8))
        {
            var error = ToToolResult(message, content, path, blocks);
            conversation.Add(isUser: true, blocks);
            return error;
        }

        return FieldErrors.Invalid(path + ".role", JsonFields.Is(role, "function"u8)
            ? "the deprecated 'function' role is not supported; send tool results with role 'tool'"
            : "Input should be 'system', 'developer', 'user', 'assistant' or 'tool'");
    }

    private static ProxyError? ToToolResult(JsonElement message, JsonElement content, string path, List<ChatBlock> blocks)
    {
        if (!message.TryGetProperty("tool_call_id"u8, out var id))
        {
            return FieldErrors.Required(path + ".tool_call_id");
        }

        if (id.ValueKind != JsonValueKind.String)
        {
            return FieldErrors.NotString(path + ".tool_call_id");
        }

        if (content.ValueKind == JsonValueKind.Array)
        {
            // Validates the parts; the writer copies their texts into the tool_result.
            var scratch = new List<ChatBlock>(content.GetArrayLength());
            if (OpenAiContent.AddBlocks(content, path + ".content", allowImages: false, scratch) is { } error)
            {
                return error;
            }
        }
        else if (content.ValueKind is not (JsonValueKind.String or JsonValueKind.Null or JsonValueKind.Undefined))
        {
            return FieldErrors.Invalid(path + ".content", "Input should be a valid string or a list of content parts");
        }

        blocks.Add(new ChatBlock(ChatBlockKind.ToolResult, id, content));
        return null;
    }

    private static ProxyError? Finish(OpenAiConversation conversation, TranslationOptions options)
    {
        conversation.TrimPrefill();
        if (conversation.Turns.Count == 0)
        {
            return FieldErrors.Invalid("messages", "at least one user or assistant message with content is required");
        }

        if (!conversation.Turns[0].IsUser)
        {
            // Bedrock requires the user to speak first.
            if (options.OpenAiLeadingUserText is not { Length: > 0 } placeholder)
            {
                return FieldErrors.Invalid("messages", "the first non-system message must have role 'user'");
            }

            var opening = new ChatTurn(isUser: true);
            opening.Blocks.Add(ChatBlock.FromText(placeholder));
            conversation.Turns.Insert(0, opening);
        }

        return null;
    }
}
