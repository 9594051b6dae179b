using System.Text.Json;

namespace OrleansProxy.Gateway.Translation;

/// <summary>The kinds of Anthropic content block an OpenAI message turns into.</summary>
internal enum ChatBlockKind
{
    Text,
    Image,
    ToolUse,
    ToolResult,
}

/// <summary>
/// One Anthropic content block built from an OpenAI message. It points into the client's JSON so that text
/// is copied as sent, not decoded and re-encoded.
/// </summary>
/// <param name="Kind">Which block.</param>
/// <param name="First">Text: the JSON string (unless <paramref name="Text"/> is set); Image: the data URL;
/// ToolUse and ToolResult: the call id.</param>
/// <param name="Second">ToolUse: the function name; ToolResult: the result content.</param>
/// <param name="Text">Text: text the proxy produced; Image: the media type.</param>
/// <param name="Json">ToolUse: the arguments, a JSON object as UTF-8.</param>
internal readonly record struct ChatBlock(
    ChatBlockKind Kind,
    JsonElement First = default,
    JsonElement Second = default,
    string? Text = null,
    byte[]? Json = null)
{
    public static ChatBlock FromText(JsonElement text) => new(ChatBlockKind.Text, text);

    public static ChatBlock FromText(string text) => new(ChatBlockKind.Text, Text: text);
}
