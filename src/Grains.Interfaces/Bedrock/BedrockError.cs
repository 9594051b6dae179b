using OrleansProxy.Credentials;

namespace OrleansProxy.Bedrock;

/// <summary>
/// An error answer from Bedrock: the REST-JSON form (<c>x-amzn-ErrorType</c> header + <c>{"message"}</c>) or
/// an exception frame of the event stream (<c>:exception-type</c>, lower camel case).
/// </summary>
/// <param name="StatusCode">HTTP status (for stream exceptions, the status AWS documents for the type).</param>
/// <param name="Type">The exception name, normalised to upper camel case (<c>ThrottlingException</c>).</param>
/// <param name="Message">AWS's message.</param>
public sealed record BedrockError(int StatusCode, string Type, string Message)
{
    /// <summary>Builds an error from the <c>x-amzn-ErrorType</c> header value (<c>Name:namespace</c>) or a bare name.</summary>
    public static BedrockError From(int statusCode, string? errorTypeHeader, string? message)
    {
        var type = errorTypeHeader ?? "";
        var colon = type.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            type = type[..colon];
        }

        type = type.Trim();
        if (type.Length > 0 && char.IsLower(type[0]))
        {
            type = char.ToUpperInvariant(type[0]) + type[1..];
        }

        if (type.Length == 0)
        {
            type = DefaultTypeFor(statusCode);
        }

        return new BedrockError(statusCode, type, message ?? "");
    }

    /// <summary>Builds an error from an event-stream exception frame.</summary>
    public static BedrockError FromStreamException(string exceptionType, string? message)
    {
        var error = From(0, exceptionType, message);
        return error with { StatusCode = StatusFor(error.Type) };
    }

    /// <summary>What this error means for the credential that met it.</summary>
    public OutcomeKind Outcome => Type switch
    {
        "ThrottlingException" or "ServiceQuotaExceededException" => OutcomeKind.Throttled,
        "AccessDeniedException" or "ResourceNotFoundException" => OutcomeKind.AccessDenied,
        "UnrecognizedClientException" or "InvalidClientTokenId" or "ExpiredTokenException" => OutcomeKind.Revoked,
        // A skewed clock also yields InvalidSignatureException; that is the silo's fault, not the key's.
        "InvalidSignatureException" when !IsClockSkew => OutcomeKind.Revoked,
        "ValidationException" => OutcomeKind.ClientError,
        _ => StatusCode switch
        {
            429 => OutcomeKind.Throttled,
            >= 400 and < 500 when StatusCode is not (403 or 408) => OutcomeKind.ClientError,
            _ => OutcomeKind.UpstreamError,
        },
    };

    /// <summary>Whether another credential may succeed where this one failed.</summary>
    public bool RetryElsewhere => Outcome switch
    {
        OutcomeKind.Throttled or OutcomeKind.AccessDenied or OutcomeKind.Revoked => true,
        // The model itself failed (424): another key would meet the same model error.
        OutcomeKind.UpstreamError => Type != "ModelErrorException",
        _ => false,
    };

    /// <summary>Whether the message says the model is not offered in the credential's region.</summary>
    public bool IsNotInRegion => Type == "ResourceNotFoundException";

    private bool IsClockSkew =>
        Message.Contains("Signature expired", StringComparison.OrdinalIgnoreCase)
        || Message.Contains("not yet current", StringComparison.OrdinalIgnoreCase);

    private static string DefaultTypeFor(int statusCode) => statusCode switch
    {
        400 => "ValidationException",
        403 => "AccessDeniedException",
        404 => "ResourceNotFoundException",
        408 => "ModelTimeoutException",
        424 => "ModelErrorException",
        429 => "ThrottlingException",
        503 => "ServiceUnavailableException",
        _ => "InternalServerException",
    };

    private static int StatusFor(string type) => type switch
    {
        "ValidationException" => 400,
        "ThrottlingException" or "ModelNotReadyException" => 429,
        "ModelTimeoutException" => 408,
        "ModelStreamErrorException" or "ModelErrorException" => 424,
        "ServiceUnavailableException" => 503,
        _ => 500,
    };
}
