using System.Text.Json;
using System.Text.Unicode;
using OrleansProxy.Gateway.Errors;

namespace OrleansProxy.Gateway.Translation;

/// <summary>Parses a client body into a JSON object, refusing malformed, non-object and too deeply nested input.</summary>
internal static class RequestBody
{
    public static ProxyError? Parse(ReadOnlyMemory<byte> body, TranslationOptions options, out JsonDocument? document)
    {
        document = null;
        // JSON must be UTF-8 (RFC 8259 §8.1), and the parser does not check string contents, which are forwarded
        // raw; a vectorised check up front is cheap next to the network.
        if (!Utf8.IsValid(body.Span))
        {
            return ProxyError.InvalidRequest("Request body is not valid UTF-8.");
        }

        var documentOptions = new JsonDocumentOptions
        {
            MaxDepth = options.MaxNestingDepth,
            // A duplicated key would be forwarded twice; refuse it rather than guess which one the client meant.
            AllowDuplicateProperties = false,
        };

        try
        {
            document = JsonDocument.Parse(body, documentOptions);
        }
        catch (JsonException exception)
        {
            return ExceedsDepth(body.Span, options.MaxNestingDepth)
                ? ProxyError.InvalidRequest($"Request body nests JSON deeper than {options.MaxNestingDepth} levels.")
                : ProxyError.InvalidRequest("Request body is not valid JSON: " + exception.Message);
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            document = null;
            return ProxyError.InvalidRequest("Request body must be a JSON object.");
        }

        return null;
    }

    // Only on the error path: tells "too deep" apart from "malformed" without parsing exception texts.
    private static bool ExceedsDepth(ReadOnlySpan<byte> json, int maxDepth)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = int.MaxValue });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= maxDepth)
                {
                    return true;
                }
            }
        }
        catch (JsonException)
        {
            // Malformed before reaching the limit.
        }

        return false;
    }
}
