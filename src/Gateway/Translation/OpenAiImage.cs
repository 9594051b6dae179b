using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using OrleansProxy.Gateway.Errors;

namespace OrleansProxy.Gateway.Translation;

/// <summary>
/// OpenAI <c>image_url</c> parts → Anthropic base64 image blocks. Only <c>data:</c> URLs are taken: fetching a
/// client-supplied URL from inside the proxy would make it an open relay into wherever it runs.
/// </summary>
internal static class OpenAiImage
{
    public static ProxyError? ToBlock(JsonElement part, string path, out ChatBlock block)
    {
        block = default;
        if (!part.TryGetProperty("image_url"u8, out var imageUrl))
        {
            return FieldErrors.Required(path + ".image_url");
        }

        // Both {"image_url":{"url":"…"}} and the older {"image_url":"…"} are in use.
        var url = imageUrl;
        if (imageUrl.ValueKind == JsonValueKind.Object && !imageUrl.TryGetProperty("url"u8, out url))
        {
            return FieldErrors.Required(path + ".image_url.url");
        }

        if (url.ValueKind != JsonValueKind.String)
        {
            return FieldErrors.NotString(path + ".image_url.url");
        }

        var text = Utf8Of(url);
        if (!StartsWithIgnoreCase(text, "data:"u8))
        {
            return FieldErrors.Invalid(path + ".image_url.url",
                "only data: URLs (data:image/png;base64,…) are supported; the proxy does not fetch remote images");
        }

        var marker = IndexOfBase64Marker(text);
        if (marker < 0)
        {
            return FieldErrors.Invalid(path + ".image_url.url", "the data URL must be base64-encoded (data:<type>;base64,<data>)");
        }

        var mediaType = Encoding.UTF8.GetString(text[5..marker]).ToLowerInvariant();
        if (mediaType is not ("image/jpeg" or "image/png" or "image/gif" or "image/webp"))
        {
            return FieldErrors.Invalid(path + ".image_url.url",
                $"image type '{mediaType}' is not supported; use image/jpeg, image/png, image/gif or image/webp");
        }

        block = new ChatBlock(ChatBlockKind.Image, url, Text: mediaType);
        return null;
    }

    /// <summary>Writes the base64 payload of a data URL that <see cref="ToBlock"/> accepted.</summary>
    public static void WriteData(Utf8JsonWriter writer, JsonElement url)
    {
        var text = Utf8Of(url);
        writer.WriteString("data"u8, text[(IndexOfBase64Marker(text) + ";base64,"u8.Length)..]);
    }

    // Images run to megabytes: read the client's bytes in place unless JSON escapes force a decode.
    private static ReadOnlySpan<byte> Utf8Of(JsonElement text)
    {
        var raw = JsonMarshal.GetRawUtf8Value(text);
        raw = raw[1..^1];
        return raw.Contains((byte)'\\') ? Encoding.UTF8.GetBytes(text.GetString()!) : raw;
    }

    private static int IndexOfBase64Marker(ReadOnlySpan<byte> text)
    {
        var comma = text.IndexOf((byte)',');
        return comma >= 7 && EqualsIgnoreCase(text[(comma - 7)..comma], ";base64"u8) ? comma - 7 : -1;
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> prefix) =>
        text.Length >= prefix.Length && EqualsIgnoreCase(text[..prefix.Length], prefix);

    private static bool EqualsIgnoreCase(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) =>
        Ascii.EqualsIgnoreCase(left, right);
}
