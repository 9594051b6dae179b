using OrleansProxy.Bedrock;

namespace OrleansProxy.Gateway.Errors;

/// <summary>Maps Bedrock's errors to the Anthropic error a client of the proxy should see.</summary>
public static class BedrockErrorMapping
{
    /// <summary>
    /// The client-facing error for a Bedrock error answer or stream exception. An exception a Bedrock-dialect client may
    /// see keeps Bedrock's name and, where the Anthropic wording differs, Bedrock's own text beside it.
    /// </summary>
    public static ProxyError FromBedrock(BedrockError error)
    {
        var mapped = Map(error);
        if (!BedrockFront.AwsRestJsonErrors.IsClientFacing(error.Type))
        {
            return mapped;
        }

        var original = UpstreamMessage.Sanitize(error.Message);
        return mapped with
        {
            UpstreamType = error.Type,
            UpstreamMessage = original.Length > 0 && original != mapped.Message ? original : null,
        };
    }

    private static ProxyError Map(BedrockError error)
    {
        var message = UpstreamMessage.Sanitize(error.Message);
        return error.Type switch
        {
            "ValidationException" => new(400, ErrorTypes.InvalidRequest, Or(PromptTooLong(message), "Bedrock rejected the request body.")),
            "ThrottlingException" or "ModelNotReadyException" or "ServiceQuotaExceededException" =>
                new(429, ErrorTypes.RateLimit, Or(message, "Too many requests; retry later.")),
            "AccessDeniedException" => new(403, ErrorTypes.Permission, Or(message, "Access to this model was denied.")),
            "ResourceNotFoundException" => new(404, ErrorTypes.NotFound, Or(message, "The model is not available.")),
            "ModelTimeoutException" => new(504, ErrorTypes.Api, Or(message, "The model took too long to answer.")),
            "ServiceUnavailableException" => new(529, ErrorTypes.Overloaded, Or(message, "Overloaded")),
            "ModelErrorException" or "ModelStreamErrorException" =>
                new(500, ErrorTypes.Api, Or(message, "The model failed to process the request.")),
            "InternalServerException" => new(500, ErrorTypes.Api, Or(message, "Bedrock had an internal error.")),
            // Credential faults are the proxy's business, not the client's; their texts (a signature mismatch
            // echoes the canonical request) are never passed on.
            "UnrecognizedClientException" or "InvalidSignatureException" or "ExpiredTokenException"
                or "InvalidClientTokenId" or "IncompleteSignatureException" or "MissingAuthenticationTokenException" =>
                new(502, ErrorTypes.Api, "The proxy could not authenticate to Bedrock."),
            _ => new(502, ErrorTypes.Api, Or(message, "Bedrock returned an unexpected error.")),
        };
    }

    /// <summary>The client-facing error for an event stream that could not be decoded (bad checksum, cut-off frame).</summary>
    public static ProxyError ForCorruptStream(string detail) =>
        ProxyError.BadUpstream("Bedrock's response stream was corrupted: " + UpstreamMessage.Sanitize(detail));

    /// <summary>
    /// Bedrock's context-window refusal in Anthropic's wording, which Claude Code and other agents read to compact the
    /// conversation ("prompt is too long: …"); Bedrock's own text follows the colon. Every other message passes as is.
    /// </summary>
    private static string PromptTooLong(string message) =>
        message.Contains("Input is too long", StringComparison.OrdinalIgnoreCase)
        && !message.StartsWith(PromptTooLongPrefix, StringComparison.OrdinalIgnoreCase)
            ? PromptTooLongPrefix + message
            : message;

    private const string PromptTooLongPrefix = "prompt is too long: ";

    private static string Or(string message, string fallback) => message.Length > 0 ? message : fallback;
}
