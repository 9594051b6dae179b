using System.Text.Json;

namespace OrleansProxy.Gateway.Translation;

/// <summary>
/// Merges the <c>anthropic-beta</c> header (comma-separated) with a body's <c>anthropic_beta</c> array: Bedrock
/// takes beta flags only in the body.
/// </summary>
internal static class AnthropicBetas
{
    /// <summary>The flags, body ones first, without duplicates or blanks; null when there are none.</summary>
    public static List<string>? Merge(JsonElement? bodyBetas, string? header)
    {
        List<string>? betas = null;
        if (bodyBetas is { ValueKind: JsonValueKind.Array } array)
        {
            foreach (var item in array.EnumerateArray())
            {
                Add(ref betas, item.GetString().AsSpan());
            }
        }

        if (!string.IsNullOrEmpty(header))
        {
            foreach (var range in header.AsSpan().Split(','))
            {
                Add(ref betas, header.AsSpan()[range]);
            }
        }

        return betas;
    }

    public static void Write(Utf8JsonWriter writer, List<string> betas)
    {
        writer.WriteStartArray("anthropic_beta"u8);
        foreach (var beta in betas)
        {
            writer.WriteStringValue(beta);
        }

        writer.WriteEndArray();
    }

    private static void Add(ref List<string>? betas, ReadOnlySpan<char> flag)
    {
        flag = flag.Trim();
        if (flag.IsEmpty)
        {
            return;
        }

        betas ??= new List<string>(4);
        foreach (var existing in betas)
        {
            if (flag.SequenceEqual(existing))
            {
                return;
            }
        }

        betas.Add(flag.ToString());
    }
}
