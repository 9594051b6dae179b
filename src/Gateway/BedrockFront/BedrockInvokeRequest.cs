using System.Text.Json;
using OrleansProxy.Gateway.Errors;
using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.BedrockFront;

/// <summary>
/// The front door's "translation". The client already sends an InvokeModel body, so a Messages body goes through the
/// same one-place policy as <c>/v1/messages</c> and nothing else: fields Bedrock takes pass as raw JSON, mid-conversation
/// <c>role: "system"</c> turns (Claude Code sends them in Bedrock mode too) are folded, betas Bedrock lacks for the model
/// are dropped, <c>anthropic_version</c> is Bedrock's. A legacy Text Completions body (<c>prompt</c>) is validated and
/// passed through byte for byte. Bedrock's own ValidationException reaches the client as it is.
/// </summary>
internal static class BedrockInvokeRequest
{
    /// <summary>Validates the path's model id, then the body.</summary>
    /// <param name="modelId">The <c>{modelId}</c> route value.</param>
    /// <param name="stream">Whether the client called InvokeModelWithResponseStream.</param>
    /// <param name="body">The request body.</param>
    /// <param name="anthropicBetaHeader">An <c>anthropic-beta</c> header, if the client sent one.</param>
    /// <param name="options">Translation settings (aliases, beta policy).</param>
    public static RequestParseResult Parse(string? modelId, bool stream, byte[] body, string? anthropicBetaHeader, TranslationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (BedrockModelId.Resolve(modelId, options.Aliases, out var model) is { } modelError)
        {
            return modelError;
        }

        if (RequestBody.Parse(body, options, out var document) is { } bodyError)
        {
            return bodyError;
        }

        using (document)
        {
            var root = document!.RootElement;
            try
            {
                if (!IsTextCompletionsBody(root))
                {
                    var parsed = MessagesRequestParser.Parse(root, body.Length, anthropicBetaHeader, options, model);
                    return parsed.Request is { } request
                        ? request with { Dialect = ClientDialect.BedrockInvoke, ClientModelName = modelId!, Stream = stream }
                        : parsed;
                }

                return PassThroughTextCompletions(root, model!, modelId!, stream, body);
            }
            catch (InvalidOperationException exception)
            {
                // Well-formed JSON can still hold strings that are not Unicode (a lone "\ud800" escape).
                return ProxyError.InvalidRequest("Request body could not be read: " + exception.Message);
            }
        }
    }

    private static bool IsTextCompletionsBody(JsonElement root) =>
        root.TryGetProperty("prompt"u8, out var prompt) && prompt.ValueKind == JsonValueKind.String && !root.TryGetProperty("messages"u8, out _);

    private static RequestParseResult PassThroughTextCompletions(JsonElement root, Models.ResolvedModel model, string modelId, bool stream, byte[] body)
    {
        var maxTokens = 0;
        if (root.TryGetProperty("max_tokens_to_sample"u8, out var value) && JsonFields.Integer(value, "max_tokens_to_sample", 1, out maxTokens) is { } error)
        {
            return error;
        }

        return new TranslatedRequest(ClientDialect.BedrockInvoke, model, modelId, stream, body, UpstreamBody.TextCompletions, false, maxTokens);
    }
}
