using OrleansProxy.Gateway.Errors;

namespace OrleansProxy.Gateway.TokenCounting;

/// <summary>How a token count ended: a count (Bedrock's, or the local estimate) or an error for the client.</summary>
/// <param name="InputTokens">The input token count; 0 with an error.</param>
/// <param name="Estimated">The count is <see cref="TokenEstimate"/>'s, not Bedrock's.</param>
/// <param name="EstimateReason">Why Bedrock did not count (for logs): <c>not_supported</c>, <c>no_credential</c>, <c>upstream_failed</c>.</param>
/// <param name="Error">The client's request is at fault (or the model unknown): answer this instead.</param>
public sealed record TokenCountResult(long InputTokens, bool Estimated, string? EstimateReason = null, ProxyError? Error = null)
{
    /// <summary>Bedrock's count.</summary>
    public static TokenCountResult Upstream(long tokens) => new(tokens, false);

    /// <summary>An error to answer with.</summary>
    public static TokenCountResult Failed(ProxyError error) => new(0, false, null, error);
}
