using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.Streaming;

/// <summary>Removes one property from a JSON object by byte range, so the rest is forwarded without re-serialising.</summary>
internal static class PropertyCut
{
    /// <summary>
    /// The range that removes the property spanning [start, end) together with one separating comma, keeping the
    /// object valid whether the property comes first, last or in between.
    /// </summary>
    public static JsonRange Of(ReadOnlySpan<byte> json, int start, int end)
    {
        var before = start - 1;
        while (before >= 0 && IsWhitespace(json[before]))
        {
            before--;
        }

        if (before >= 0 && json[before] == (byte)',')
        {
            return new JsonRange(before, end - before);
        }

        var after = end;
        while (after < json.Length && IsWhitespace(json[after]))
        {
            after++;
        }

        if (after < json.Length && json[after] == (byte)',')
        {
            end = after + 1;
        }

        return new JsonRange(start, end - start);
    }

    private static bool IsWhitespace(byte value) => value is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
