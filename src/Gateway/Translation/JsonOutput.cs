using System.Text.Encodings.Web;
using System.Text.Json;

namespace OrleansProxy.Gateway.Translation;

/// <summary>How the gateway writes JSON: compact, and without escaping non-ASCII text.</summary>
internal static class JsonOutput
{
    /// <summary>
    /// The relaxed encoder keeps non-ASCII text readable and short; the output is an HTTP body or an SSE data
    /// line, never embedded in HTML, so the default encoder's HTML-safety escaping buys nothing.
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>Encodes a string once, for values repeated in every frame of a stream.</summary>
    public static byte[] EncodeString(string value) =>
        JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes.ToArray();

    /// <summary>Writes one JSON document with <paramref name="write"/> and returns it as an exact-size array.</summary>
    public static byte[] Build<TState>(int sizeHint, TState state, Action<Utf8JsonWriter, TState> write)
    {
        using var json = new PooledJson(sizeHint);
        write(json.Writer, state);
        return json.ToArray();
    }
}
