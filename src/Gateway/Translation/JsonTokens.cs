using System.Text.Json;

namespace OrleansProxy.Gateway.Translation;

/// <summary>Reads values off a <see cref="Utf8JsonReader"/> as byte ranges, tolerating unexpected token types.</summary>
internal static class JsonTokens
{
    /// <summary>The whole current value (strings with their quotes), skipping past containers.</summary>
    public static JsonRange RawValue(ref Utf8JsonReader reader)
    {
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return new JsonRange(start, (int)reader.BytesConsumed - start);
    }

    /// <summary>The escaped contents of the current string token, without its quotes; other values are skipped.</summary>
    public static JsonRange StringContents(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new JsonRange((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);
        }

        reader.Skip();
        return default;
    }

    /// <summary>Whether the current token is the string <paramref name="text"/> (false for any other token).</summary>
    public static bool IsString(ref Utf8JsonReader reader, ReadOnlySpan<byte> text) =>
        reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(text);
}
