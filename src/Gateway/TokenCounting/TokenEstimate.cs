using System.Text.Json;

namespace OrleansProxy.Gateway.TokenCounting;

/// <summary>
/// A local input-token estimate of an InvokeModel body, for when no credential can count it upstream. The rule, kept
/// simple so clients can reason about it: one token per <see cref="CharactersPerToken"/> characters of every string
/// value (and every non-structural property name, such as a tool schema's field names) in <c>system</c>,
/// <c>messages</c>, <c>tools</c>, <c>tool_choice</c> and a Text Completions <c>prompt</c>, rounded up; plus
/// <see cref="MediaBlockTokens"/> per image or binary document block (their base64 data is not text) and
/// <see cref="PerMessageTokens"/> per message for the turn markup; at least 1. English prose runs at about 3.5 to 4
/// characters per Claude token, so the estimate errs low by a few per cent for prose and more for code.
/// </summary>
public static class TokenEstimate
{
    /// <summary>Characters counted as one token.</summary>
    public const int CharactersPerToken = 4;

    /// <summary>Tokens counted per image or binary document (Anthropic's image cost tops out near 1,600).</summary>
    public const int MediaBlockTokens = 1600;

    /// <summary>Tokens counted per message for its role and turn markup.</summary>
    public const int PerMessageTokens = 3;

    private static readonly HashSet<string> Counted = new(StringComparer.Ordinal) { "system", "messages", "tools", "tool_choice", "prompt" };

    private static readonly HashSet<string> Structural = new(StringComparer.Ordinal)
    {
        "type", "role", "content", "text", "source", "media_type", "cache_control", "ttl", "id", "tool_use_id", "data",
    };

    /// <summary>The estimate for a UTF-8 InvokeModel body; a body that is not a JSON object counts by its length.</summary>
    public static long Of(ReadOnlyMemory<byte> invokeBody)
    {
        try
        {
            using var document = JsonDocument.Parse(invokeBody, new JsonDocumentOptions { MaxDepth = 256 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Tokens(invokeBody.Length, 0);
            }

            long characters = 0, fixedTokens = 0;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!Counted.Contains(property.Name))
                {
                    continue;
                }

                if (property.NameEquals("messages"u8) && property.Value.ValueKind == JsonValueKind.Array)
                {
                    fixedTokens += (long)property.Value.GetArrayLength() * PerMessageTokens;
                }

                Walk(property.Value, ref characters, ref fixedTokens);
            }

            return Tokens(characters, fixedTokens);
        }
        catch (JsonException)
        {
            return Tokens(invokeBody.Length, 0);
        }
    }

    private static long Tokens(long characters, long fixedTokens) =>
        Math.Max(1, ((characters + CharactersPerToken - 1) / CharactersPerToken) + fixedTokens);

    private static void Walk(JsonElement element, ref long characters, ref long fixedTokens)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                characters += element.GetString()!.Length;
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, ref characters, ref fixedTokens);
                }

                break;
            case JsonValueKind.Object:
                if (IsMedia(element))
                {
                    fixedTokens += MediaBlockTokens;
                    break;
                }

                foreach (var property in element.EnumerateObject())
                {
                    if (!Structural.Contains(property.Name))
                    {
                        characters += property.Name.Length;
                    }

                    // Markup, not prompt: the role is in PerMessageTokens, the rest is never shown to the model as text.
                    if (!property.NameEquals("type"u8) && !property.NameEquals("role"u8) && !property.NameEquals("media_type"u8)
                        && !property.NameEquals("cache_control"u8))
                    {
                        Walk(property.Value, ref characters, ref fixedTokens);
                    }
                }

                break;
        }
    }

    // An image block, or a document whose source is not text (a base64 PDF or a URL): its bytes are not prose.
    private static bool IsMedia(JsonElement block)
    {
        if (!block.TryGetProperty("type"u8, out var type) || type.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        if (type.ValueEquals("image"u8))
        {
            return true;
        }

        return type.ValueEquals("document"u8)
            && !(block.TryGetProperty("source"u8, out var source) && source.ValueKind == JsonValueKind.Object
                && source.TryGetProperty("type"u8, out var sourceType) && (sourceType.ValueEquals("text"u8) || sourceType.ValueEquals("content"u8)));
    }
}
