using System.Text.Json;
using OrleansProxy.Gateway.Errors;
using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.BedrockFront;

/// <summary>
/// The front door's "translation": the client already sends an InvokeModel body, so it is validated (UTF-8, one JSON
/// object, bounded nesting, no duplicate keys, sane token caps) and passed through byte for byte. Bedrock judges the
/// rest (fields, <c>anthropic_version</c>, betas) and its own ValidationException goes back to the client as it is.
/// </summary>
internal static class BedrockInvokeRequest
{
    /// <summary>Validates the model id of the path and the body; <paramref name="body"/> becomes the upstream body as it is.</summary>
    public static RequestParseResult Parse(string? modelId, bool stream, byte[] body, TranslationOptions options)
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
            var maxTokens = 0;
            var upstreamBody = UpstreamBody.Messages;
            foreach (var property in document!.RootElement.EnumerateObject())
            {
                ProxyError? error = null;
                if (property.NameEquals("max_tokens"u8))
                {
                    error = JsonFields.Integer(property.Value, "max_tokens", 1, out maxTokens);
                }
                else if (property.NameEquals("max_tokens_to_sample"u8))
                {
                    error = JsonFields.Integer(property.Value, "max_tokens_to_sample", 1, out maxTokens);
                }
                else if (property.NameEquals("prompt"u8) && property.Value.ValueKind == JsonValueKind.String)
                {
                    // A legacy Text Completions body (Claude 2.x, Instant): its answer events have that shape too.
                    upstreamBody = UpstreamBody.TextCompletions;
                }

                if (error is not null)
                {
                    return error;
                }
            }

            return new TranslatedRequest(ClientDialect.BedrockInvoke, model!, modelId!, stream, body, upstreamBody, false, maxTokens);
        }
    }
}
