using OrleansProxy.Gateway.Errors;

namespace OrleansProxy.Gateway.Forwarding;

/// <summary>How one upstream attempt ended for the client request.</summary>
/// <param name="Done">The client has its answer (or went away); stop.</param>
/// <param name="Error">The error to answer with if no later attempt succeeds.</param>
/// <param name="Retry">Whether another credential may succeed.</param>
/// <param name="Status">The status the client got, when done.</param>
/// <param name="Throttled">The credential was throttled: it stays a candidate once its lockout ends.</param>
/// <param name="Tokens">What Bedrock billed for the answer, when done.</param>
public readonly record struct AttemptResult(bool Done, ProxyError? Error, bool Retry, int Status, bool Throttled = false, Usage.TokenUsage Tokens = default)
{
    /// <summary>The client has its answer.</summary>
    public static AttemptResult Answered(int status, Usage.TokenUsage tokens) => new(true, null, false, status, Tokens: tokens);

    /// <summary>Try another credential; answer with <paramref name="error"/> if none succeeds.</summary>
    public static AttemptResult RetryWith(ProxyError error, bool throttled = false) => new(false, error, true, error.StatusCode, throttled);

    /// <summary>Answer with <paramref name="error"/>; another credential would fare no better.</summary>
    public static AttemptResult Fail(ProxyError error) => new(false, error, false, error.StatusCode);
}
