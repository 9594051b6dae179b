using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.Streaming;

/// <summary>Picks the stream translator for a request's dialect and upstream body.</summary>
public static class StreamTranslators
{
    /// <summary>A translator for one streamed answer.</summary>
    /// <param name="request">The request being answered.</param>
    /// <param name="requestId">The proxy's request id: the answer's <c>chatcmpl-…</c> id and legacy <c>log_id</c>.</param>
    /// <param name="now">When the answer started, for OpenAI's <c>created</c>.</param>
    public static IStreamTranslator Create(TranslatedRequest request, string requestId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Dialect switch
        {
            ClientDialect.AnthropicMessages => new AnthropicMessagesStreamTranslator(),
            ClientDialect.AnthropicTextCompletions when request.UpstreamBody == UpstreamBody.TextCompletions =>
                new LegacyCompletionStreamTranslator(request.ClientModelName, requestId),
            ClientDialect.AnthropicTextCompletions => new MessagesToCompletionStreamTranslator(request.ClientModelName, requestId),
            ClientDialect.OpenAiChat =>
                new OpenAiChatStreamTranslator(request.ClientModelName, requestId, now, request.IncludeUsageInStream),
            ClientDialect.BedrockInvoke => new BedrockFront.BedrockEventStreamTranslator(),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Dialect, "Unknown client dialect."),
        };
    }
}
