using System.Text.Json;
using OrleansProxy.Gateway.Errors;

namespace OrleansProxy.Gateway.BedrockFront;

/// <summary>
/// Bedrock's CountTokens request body (botocore bedrock-runtime 2023-09-30, <c>CountTokensInput</c>, a union):
/// <c>{"input":{"invokeModel":{"body":"&lt;base64 of an InvokeModel body&gt;"}}}</c>. The union's other member,
/// <c>converse</c>, carries Converse shapes (content blocks, <c>toolConfig</c>, guardrails): the proxy speaks
/// InvokeModel to Bedrock and has no faithful rendering of those, so it refuses them with a ValidationException rather
/// than counting a translation Bedrock would count differently. Refusals use Bedrock's Coral wording where one exists.
/// </summary>
internal static class CountTokensInput
{
    /// <summary>
    /// Largest envelope accepted for a given invoke-body limit: the body travels as base64 (4 bytes per 3), plus the
    /// envelope's few bytes, so any body an invoke would take can be counted.
    /// </summary>
    public static long EnvelopeLimit(long invokeBodyLimit) => (invokeBodyLimit / 3 * 4) + 1024;

    /// <summary>The decoded InvokeModel body, or the error to answer with.</summary>
    public static ProxyError? Read(byte[] envelope, out byte[]? invokeBody)
    {
        invokeBody = null;
        JsonDocument document;
        try
        {
            // The envelope is three objects deep; the body inside is validated on its own after decoding.
            document = JsonDocument.Parse(envelope, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            return ProxyError.InvalidRequest("Malformed input request, please reformat your input and try again.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("input"u8, out var input) || input.ValueKind != JsonValueKind.Object)
            {
                return Violation("Value null at 'input' failed to satisfy constraint: Member must not be null");
            }

            var members = 0;
            foreach (var member in input.EnumerateObject())
            {
                members += member.Value.ValueKind == JsonValueKind.Null ? 0 : 1;
            }

            if (members != 1)
            {
                return Violation("Value at 'input' failed to satisfy constraint: Member must have exactly one member set");
            }

            if (input.TryGetProperty("converse"u8, out var converse) && converse.ValueKind != JsonValueKind.Null)
            {
                return ProxyError.InvalidRequest(
                    "This proxy counts tokens of InvokeModel bodies only: send input.invokeModel.body (the base64 of the InvokeModel JSON), not input.converse.");
            }

            if (!input.TryGetProperty("invokeModel"u8, out var invokeModel) || invokeModel.ValueKind != JsonValueKind.Object)
            {
                return Violation("Value at 'input' failed to satisfy constraint: Member must be one of [invokeModel, converse]");
            }

            if (!invokeModel.TryGetProperty("body"u8, out var encoded) || encoded.ValueKind != JsonValueKind.String)
            {
                return Violation("Value null at 'input.invokeModel.body' failed to satisfy constraint: Member must not be null");
            }

            if (!encoded.TryGetBytesFromBase64(out invokeBody) || invokeBody.Length == 0)
            {
                invokeBody = null;
                return ProxyError.InvalidRequest("input.invokeModel.body must be the base64 encoding of a non-empty InvokeModel JSON body.");
            }

            return null;
        }
    }

    private static ProxyError Violation(string detail) => ProxyError.InvalidRequest("1 validation error detected: " + detail);
}
