using OrleansProxy.Gateway.Errors;
using OrleansProxy.Pool;

namespace OrleansProxy.Gateway.Forwarding;

/// <summary>What a client is told when no credential can take its request, and with which status.</summary>
public static class NoCredentialErrors
{
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The <c>retry-after</c> to send with <paramref name="error"/>: for a retryable status, the pool's estimate of when
    /// a credential is free again (SDKs wait that long before retrying, instead of coming back into the same lockout),
    /// else one second; none for errors a retry cannot fix (see <see cref="ProxyError.Permanent"/>).
    /// </summary>
    public static TimeSpan? RetryAfter(ProxyError error, LeaseAttempt attempt) =>
        error.Permanent || error.StatusCode is not (429 or 503 or 529) ? null
        : attempt.RetryAfter > DefaultRetryAfter ? attempt.RetryAfter
        : DefaultRetryAfter;

    /// <summary>The error for a failed lease attempt on <paramref name="model"/>.</summary>
    public static ProxyError For(LeaseAttempt attempt, string model) => attempt switch
    {
        { QueueFull: true } => new(429, ErrorTypes.RateLimit,
            "Too many requests are already waiting for a free AWS credential on this proxy. Retry shortly."),
        _ => attempt.Reason switch
        {
            NoCredentialReason.AllThrottled => new(429, ErrorTypes.RateLimit,
                $"Every AWS credential that can serve {model} is rate limited right now (waited {attempt.Waited.TotalSeconds:0} s). Retry shortly."),
            NoCredentialReason.StillChecking => new(529, ErrorTypes.Overloaded,
                $"The AWS credentials that may serve {model} are still being checked. Retry shortly."),
            NoCredentialReason.NoneConfigured => new(503, ErrorTypes.Api,
                "This proxy has no AWS credentials configured (AWS_CREDENTIALS is empty).") { Permanent = true },
            NoCredentialReason.AllRevoked => new(503, ErrorTypes.Api,
                $"Every AWS credential that could serve {model} has been revoked or rejected by AWS.") { Permanent = true },
            NoCredentialReason.AllLogged => new(503, ErrorTypes.Api,
                $"Every AWS credential that could serve {model} has model invocation logging enabled (or its logging status is unknown), and ALLOW_AWS_LOGGING is off, so none is used.") { Permanent = true },
            NoCredentialReason.AllDisabled => new(503, ErrorTypes.Api,
                $"Every AWS credential that could serve {model} was disabled by an operator.") { Permanent = true },
            NoCredentialReason.UnknownModel => ProxyError.NotFound($"model: {model} is not a model this proxy serves."),
            _ => ProxyError.NotFound(
                $"model: {model} is not available: no configured AWS credential has access to it in a region that serves it."),
        },
    };
}
