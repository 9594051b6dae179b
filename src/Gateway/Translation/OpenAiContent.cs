using System.Runtime.InteropServices;
using System.Text.Json;
using OrleansProxy.Gateway.Errors;

namespace OrleansProxy.Gateway.Translation;

/// <summary>OpenAI message <c>content</c> (a string or a list of parts) → Anthropic content blocks.</summary>
internal static class OpenAiContent
{
    /// <summary>Adds the text and image blocks of <paramref name="content"/>; empty texts are skipped (Messages refuses them).</summary>
    public static ProxyError? AddBlocks(JsonElement content, string path, bool allowImages, List<ChatBlock> blocks)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return null;
            case JsonValueKind.String:
                AddText(content, blocks);
                return null;
            case JsonValueKind.Array:
                break;
            default:
                return FieldErrors.Invalid(path, "Input should be a valid string or a list of content parts");
        }

        var index = 0;
        foreach (var part in content.EnumerateArray())
        {
            var partPath = $"{path}.{index++}";
            if (part.ValueKind != JsonValueKind.Object)
            {
                return FieldErrors.NotObject(partPath);
            }

            if (!part.TryGetProperty("type"u8, out var type))
            {
                return FieldErrors.Required(partPath + ".type");
            }

            if (JsonFields.Is(type, "text"u8))
            {
                if (!part.TryGetProperty("text"u8, out var text) || text.ValueKind != JsonValueKind.String)
                {
                    return FieldErrors.NotString(partPath + ".text");
                }

                AddText(text, blocks);
            }
            else if (allowImages && JsonFields.Is(type, "image_url"u8))
            {
                if (OpenAiImage.ToBlock(part, partPath, out var image) is { } error)
                {
                    return error;
                }

                blocks.Add(image);
            }
            else if (JsonFields.Is(type, "refusal"u8))
            {
                // An assistant's earlier refusal carries no content worth replaying.
            }
            else
            {
                return FieldErrors.Invalid(partPath + ".type",
                    allowImages ? "only 'text' and 'image_url' parts are supported" : "only 'text' parts are supported here");
            }
        }

        return null;
    }

    private static void AddText(JsonElement text, List<ChatBlock> blocks)
    {
        // Raw length 2 is "": an empty string, which Messages rejects as a text block.
        if (JsonMarshal.GetRawUtf8Value(text).Length > 2)
        {
            blocks.Add(ChatBlock.FromText(text));
        }
    }
}
