using System.Text.Json;
using OrleansProxy.Gateway.Errors;

namespace OrleansProxy.Gateway.Translation;

/// <summary>Type checks on request fields; each returns the 400 to answer with, or null when the value fits.</summary>
internal static class JsonFields
{
    public static ProxyError? String(JsonElement value, string path, out string? text)
    {
        text = null;
        if (value.ValueKind != JsonValueKind.String)
        {
            return FieldErrors.NotString(path);
        }

        text = value.GetString();
        return null;
    }

    /// <summary>A whole number of at least <paramref name="minimum"/>.</summary>
    public static ProxyError? Integer(JsonElement value, string path, int minimum, out int number)
    {
        number = 0;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out number))
        {
            return FieldErrors.NotInteger(path);
        }

        return number < minimum ? FieldErrors.Invalid(path, $"Input should be greater than or equal to {minimum}") : null;
    }

    public static ProxyError? Number(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Number ? null : FieldErrors.NotNumber(path);

    public static ProxyError? Boolean(JsonElement value, string path, out bool flag)
    {
        flag = value.ValueKind == JsonValueKind.True;
        return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : FieldErrors.NotBoolean(path);
    }

    public static ProxyError? Object(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Object ? null : FieldErrors.NotObject(path);

    public static ProxyError? List(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Array ? null : FieldErrors.NotList(path);

    public static ProxyError? StringList(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return FieldErrors.NotList(path);
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return FieldErrors.NotString($"{path}.{index}");
            }

            index++;
        }

        return null;
    }

    /// <summary>Whether <paramref name="value"/> is the string <paramref name="text"/>; false (not a throw) for other kinds.</summary>
    public static bool Is(JsonElement value, ReadOnlySpan<byte> text) =>
        value.ValueKind == JsonValueKind.String && value.ValueEquals(text);

    /// <summary>
    /// The entry of <paramref name="names"/> that <paramref name="property"/> is called, or empty. The canonical
    /// bytes are what gets written on: the client's own spelling of the name could use JSON escapes.
    /// </summary>
    public static ReadOnlySpan<byte> CanonicalName(JsonProperty property, byte[][] names)
    {
        foreach (var name in names)
        {
            if (property.NameEquals(name))
            {
                return name;
            }
        }

        return default;
    }

    /// <summary>Optional fields sent as JSON null count as absent: SDKs serialise unset options that way.</summary>
    public static bool IsAbsent(JsonElement value) => value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;
}
