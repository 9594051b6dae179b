using OrleansProxy.Gateway.Errors;
using OrleansProxy.Gateway.Sessions;

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
    /// <param name="session">The caller and session headers the session key is derived from; null derives none.</param>
    public static RequestParseResult Parse(
        ClientDialect dialect, ReadOnlyMemory<byte> body, string? anthropicBetaHeader, TranslationOptions options, SessionHints? session = null)
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
                var result = dialect switch
                {
                    ClientDialect.AnthropicMessages => MessagesRequestParser.Parse(root, body.Length, anthropicBetaHeader, options, session: session),
                    ClientDialect.AnthropicTextCompletions => TextCompletionsRequestParser.Parse(root, body.Length, options),
                    ClientDialect.OpenAiChat => OpenAiChatRequestParser.Parse(root, body.Length, options),
                    _ => throw new ArgumentOutOfRangeException(nameof(dialect), dialect, "Unknown client dialect."),
                };

                // The other dialects' bodies carry no session or cache breakpoints: their headers alone may name one.
                return dialect != ClientDialect.AnthropicMessages && result.Request is { } request
                    && SessionKeys.ForHeaders(session, request.Model.Family) is { } key
                    ? request with { Session = key }
                    : result;
            }
            catch (InvalidOperationException exception)
            {
                // Well-formed JSON can still hold strings that are not Unicode (a lone "\ud800" escape).
                return ProxyError.InvalidRequest("Request body could not be read: " + exception.Message);
            }
        }
    }
}
