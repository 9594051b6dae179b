using System.Collections.Frozen;
using OrleansProxy.Gateway.Errors;
using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.BedrockFront;

/// <summary>
/// The Bedrock front door's error shape, AWS REST-JSON as bedrock-runtime answers it: the exception name in
/// <c>x-amzn-ErrorType</c>, <c>{"message":"…"}</c> as the body, and Bedrock's status for that name. Bedrock's own
/// errors keep their name; the proxy's (Anthropic-vocabulary) errors take the closest Bedrock exception.
/// </summary>
public static class AwsRestJsonErrors
{
    /// <summary>The response header naming the exception (AWS SDKs read the part before any <c>:</c>).</summary>
    public const string ErrorTypeHeader = "x-amzn-ErrorType";

    // bedrock-runtime's modelled exceptions (botocore bedrock-runtime/2023-09-30) and their statuses.
    private static readonly FrozenDictionary<string, int> ClientFacing = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["ValidationException"] = 400,
        ["ServiceQuotaExceededException"] = 400,
        ["AccessDeniedException"] = 403,
        ["ResourceNotFoundException"] = 404,
        ["ModelTimeoutException"] = 408,
        ["ModelErrorException"] = 424,
        ["ModelStreamErrorException"] = 424,
        ["ThrottlingException"] = 429,
        ["ModelNotReadyException"] = 429,
        ["InternalServerException"] = 500,
        ["ServiceUnavailableException"] = 503,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Whether a Bedrock exception may reach a front-door client under its own name. Credential faults
    /// (<c>UnrecognizedClientException</c>, <c>InvalidSignatureException</c>, ...) are the proxy's business and are not.
    /// </summary>
    public static bool IsClientFacing(string bedrockType) => ClientFacing.ContainsKey(bedrockType);

    /// <summary>The Bedrock exception name and status a front-door client gets for <paramref name="error"/>.</summary>
    public static (int Status, string Type) Classify(ProxyError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.UpstreamType is { } upstream && ClientFacing.TryGetValue(upstream, out var upstreamStatus))
        {
            return (upstreamStatus, upstream);
        }

        return (error.StatusCode, error.Type) switch
        {
            (_, ErrorTypes.Authentication) => (403, "UnrecognizedClientException"),
            (_, ErrorTypes.Permission) => (403, "AccessDeniedException"),
            (_, ErrorTypes.NotFound) => (404, "ResourceNotFoundException"),
            (_, ErrorTypes.RateLimit) => (429, "ThrottlingException"),
            (_, ErrorTypes.Overloaded) or (503, _) => (503, "ServiceUnavailableException"),
            (504, _) => (408, "ModelTimeoutException"),
            // Malformed, too large or otherwise refused input: Bedrock's one client-error name.
            ( >= 400 and < 500, _) => (400, "ValidationException"),
            _ => (500, "InternalServerException"),
        };
    }

    /// <summary>Sets the <c>x-amzn-ErrorType</c> header; returns the status to answer with.</summary>
    public static int Apply(HttpResponse response, ProxyError error)
    {
        ArgumentNullException.ThrowIfNull(response);
        var (status, type) = Classify(error);
        response.Headers[ErrorTypeHeader] = type;
        return status;
    }

    /// <summary>
    /// <c>{"message":"…"}</c>: Bedrock's own text for an error Bedrock answered (never the Anthropic rewording), else the
    /// proxy's.
    /// </summary>
    public static byte[] Body(ProxyError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var message = MessageOf(error);
        return JsonOutput.Build(message.Length + 16, message, static (writer, text) =>
        {
            writer.WriteStartObject();
            writer.WriteString("message"u8, text);
            writer.WriteEndObject();
        });
    }

    /// <summary>The text a front-door client gets for <paramref name="error"/>.</summary>
    public static string MessageOf(ProxyError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.UpstreamType is not null && error.UpstreamMessage is { Length: > 0 } original ? original : error.Message;
    }

    /// <summary>
    /// The <c>:exception-type</c> of a mid-stream exception frame: a member of InvokeModelWithResponseStream's
    /// <c>ResponseStream</c> union (lower camel case), the nearest one for errors the union has no member for.
    /// </summary>
    public static string StreamExceptionType(ProxyError error) => Classify(error).Type switch
    {
        "ValidationException" or "ServiceQuotaExceededException" => "validationException",
        "ThrottlingException" or "ModelNotReadyException" => "throttlingException",
        "ModelTimeoutException" => "modelTimeoutException",
        "ModelErrorException" or "ModelStreamErrorException" => "modelStreamErrorException",
        "ServiceUnavailableException" => "serviceUnavailableException",
        _ => "internalServerException",
    };

    /// <summary>An error answer written straight to <paramref name="response"/> (before anything else was sent).</summary>
    public static async Task WriteAsync(HttpResponse response, ProxyError error, CancellationToken cancellationToken)
    {
        var body = Body(error);
        ErrorBodies.Prepare(response, ClientDialect.BedrockInvoke, error);
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellationToken);
    }
}
