namespace OrleansProxy.Gateway.Errors;

/// <summary>An error the proxy answers with, in Anthropic's vocabulary; each client dialect renders it its own way.</summary>
/// <param name="StatusCode">HTTP status for the client.</param>
/// <param name="Type">Anthropic error type (<c>invalid_request_error</c>, <c>rate_limit_error</c>, ...).</param>
/// <param name="Message">Human-readable text; never carries a secret.</param>
public sealed record ProxyError(int StatusCode, string Type, string Message)
{
    /// <summary>
    /// The condition lasts until an operator acts (no credential configured, all revoked, ...): the answer carries
    /// <c>x-should-retry: false</c>, which the Anthropic and OpenAI SDKs honour instead of retrying a 5xx.
    /// </summary>
    public bool Permanent { get; init; }

    /// <summary>
    /// Bedrock's own exception name when the error is Bedrock's answer passed on (<c>ModelErrorException</c>), so the
    /// Bedrock front door can answer with Bedrock's name and status rather than the Anthropic mapping.
    /// </summary>
    public string? UpstreamType { get; init; }

    /// <summary>
    /// Bedrock's own message (sanitised) when <see cref="UpstreamType"/> is set and <see cref="Message"/> was reworded
    /// for the Anthropic and OpenAI dialects (Bedrock's "Input is too long for requested model." becomes Anthropic's
    /// "prompt is too long: …"): Bedrock-dialect clients get Bedrock's text, as Bedrock would have sent it.
    /// </summary>
    public string? UpstreamMessage { get; init; }

    /// <summary>400 <c>invalid_request_error</c>: the client's request is at fault.</summary>
    public static ProxyError InvalidRequest(string message) => new(400, ErrorTypes.InvalidRequest, message);

    /// <summary>404 <c>not_found_error</c>.</summary>
    public static ProxyError NotFound(string message) => new(404, ErrorTypes.NotFound, message);

    /// <summary>502 <c>api_error</c>: Bedrock answered with something the proxy cannot use.</summary>
    public static ProxyError BadUpstream(string message) => new(502, ErrorTypes.Api, message);
}
