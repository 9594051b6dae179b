namespace OrleansProxy.Credentials;

/// <summary>What a gateway reports to the credential grain after using a lease.</summary>
/// <param name="LeaseId">The lease the gateway was given.</param>
/// <param name="Family">The model family that was called.</param>
/// <param name="Kind">How the call ended.</param>
/// <param name="InputTokens">Input tokens Bedrock counted (0 when unknown).</param>
/// <param name="OutputTokens">Output tokens Bedrock counted (0 when unknown).</param>
/// <param name="ErrorType">Bedrock's error type (e.g. <c>ThrottlingException</c>), if any.</param>
/// <param name="Message">Bedrock's error message, if any; the grain sanitises it before storing.</param>
/// <param name="RetryAfter">A retry hint from upstream, if it sent one.</param>
/// <param name="CacheReadTokens">Input tokens read from the prompt cache (0 when none or unknown).</param>
/// <param name="CacheWrite5mTokens">Input tokens written to the 5-minute prompt cache.</param>
/// <param name="CacheWrite1hTokens">Input tokens written to the 1-hour prompt cache.</param>
[GenerateSerializer, Immutable, Alias("OrleansProxy.RequestOutcome")]
public sealed record RequestOutcome(
    [property: Id(0)] Guid LeaseId,
    [property: Id(1)] string Family,
    [property: Id(2)] OutcomeKind Kind,
    [property: Id(3)] long InputTokens = 0,
    [property: Id(4)] long OutputTokens = 0,
    [property: Id(5)] string? ErrorType = null,
    [property: Id(6)] string? Message = null,
    [property: Id(7)] TimeSpan? RetryAfter = null,
    [property: Id(8)] long CacheReadTokens = 0,
    [property: Id(9)] long CacheWrite5mTokens = 0,
    [property: Id(10)] long CacheWrite1hTokens = 0);
