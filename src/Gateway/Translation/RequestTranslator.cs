using OrleansProxy.Gateway.Errors;

namespace OrleansProxy.Gateway.Translation;

/// <summary>
/// Validates a client request body in one of the three dialects and builds the Bedrock InvokeModel body.
/// Never throws for bad input: every problem comes back as a 4xx <see cref="ProxyError"/>.
/// </summary>
public static class RequestTranslator
{
    /// <summary>Parses and translates <paramref name="body"/>; the caller has already enforced the body size limit.</summary>
    /// <param name="dialect">The endpoint the body arrived on.</param>
    /// <param name="body">The raw request body (UTF-8 JSON).</param>
    /// <param name="anthropicBetaHeader">The client's <c>anthropic-beta</c> header, if any (Messages only).</param>
    /// <param name="options">Translation settings.</param>
    public static RequestParseResult Parse(
        ClientDialect dialect, ReadOnlyMemory<byte> body, string? anthropicBetaHeader, TranslationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (RequestBody.Parse(body, options, out var document) is { } error)
        {
            return error;
        }

        using (document)
        {
            var root = document!.RootElement;
            try
            {
                return dialect switch
                {
                    ClientDialect.AnthropicMessages => MessagesRequestParser.Parse(root, body.Length, anthropicBetaHeader, options),
                    ClientDialect.AnthropicTextCompletions => TextCompletionsRequestParser.Parse(root, body.Length, options),
                    ClientDialect.OpenAiChat => OpenAiChatRequestParser.Parse(root, body.Length, options),
                    _ => throw new ArgumentOutOfRangeException(nameof(dialect), dialect, "Unknown client dialect."),
                };
            }
            catch (InvalidOperationException exception)
            {
                // Well-formed JSON can still hold strings that are not Unicode (a lone "\ud800" escape).
                return ProxyError.InvalidRequest("Request body could not be read: " + exception.Message);
            }
        }
    }
}
