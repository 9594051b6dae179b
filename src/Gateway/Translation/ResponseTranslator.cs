using System.Text.Json;
using OrleansProxy.Gateway.Errors;

namespace OrleansProxy.Gateway.Translation;

/// <summary>Translates a non-streaming Bedrock answer into the client's dialect.</summary>
public static class ResponseTranslator
{
    /// <summary>
    /// Builds the client's body from Bedrock's answer and extracts the token counts it reports. For Messages clients
    /// the body is a copy of <paramref name="bedrockJson"/>; a caller still holding that buffer may send it instead.
    /// </summary>
    /// <param name="request">The request the answer is for.</param>
    /// <param name="bedrockJson">Bedrock's 200 response body.</param>
    /// <param name="requestId">The proxy's id for the request; becomes the answer's id (<c>compl_…</c>,
    /// <c>chatcmpl-…</c>) and <c>log_id</c> where the dialect has them.</param>
    /// <param name="now">The time of the answer, for OpenAI's <c>created</c>.</param>
    public static TranslatedResponse Translate(
        TranslatedRequest request, ReadOnlySpan<byte> bedrockJson, string requestId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            if (request.Dialect == ClientDialect.BedrockInvoke)
            {
                // The Bedrock front door's client gets Bedrock's bytes untouched; usage is read for accounting only.
                var usage = request.UpstreamBody == UpstreamBody.Messages ? MessagesAnswer.Read(bedrockJson, withContent: false) : default;
                return new TranslatedResponse(bedrockJson.ToArray(), usage?.InputTokens ?? 0, usage?.OutputTokens ?? 0);
            }

            if (request.UpstreamBody == UpstreamBody.TextCompletions)
            {
                return new TranslatedResponse(CompletionResponses.FromLegacy(bedrockJson, request.ClientModelName, requestId), 0, 0);
            }

            var answer = MessagesAnswer.Read(bedrockJson, withContent: request.Dialect != ClientDialect.AnthropicMessages);
            var body = request.Dialect switch
            {
                ClientDialect.AnthropicTextCompletions =>
                    CompletionResponses.FromMessages(bedrockJson, answer, request.ClientModelName, requestId),
                ClientDialect.OpenAiChat =>
                    OpenAiResponses.FromMessages(bedrockJson, answer, request.ClientModelName, requestId, now),
                // Messages in, Messages out: the client gets Bedrock's bytes untouched.
                _ => bedrockJson.ToArray(),
            };
            return new TranslatedResponse(body, answer.InputTokens, answer.OutputTokens) { Tokens = answer.Usage.ToTokenUsage() };
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException)
        {
            var error = ProxyError.BadUpstream("Bedrock returned a response the proxy could not read.");
            return new TranslatedResponse(ErrorBodies.For(request.Dialect, error), 0, 0, error);
        }
    }
}
