using System.Text.Json;

namespace OrleansProxy.Gateway.Translation;

/// <summary>Checks JSON that arrives inside a string (OpenAI tool-call arguments) before it is written raw.</summary>
internal static class JsonText
{
    /// <summary>Whether <paramref name="utf8"/> is exactly one well-formed JSON object.</summary>
    public static bool IsObject(ReadOnlySpan<byte> utf8, int maxDepth)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
