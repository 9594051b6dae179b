namespace OrleansProxy.Testing.FakeBedrock.Recording;

/// <summary>One request the fake served, for assertions. Requests still in flight have no <see cref="CompletedAt"/>.</summary>
/// <param name="RequestId">The <c>x-amzn-RequestId</c> the fake answered with.</param>
/// <param name="AccessKeyId">The key that signed it; null when unsigned or the key is unknown.</param>
/// <param name="Region">Region of the credential scope, when the Authorization header could be read.</param>
/// <param name="Operation">Which Bedrock operation the path addressed.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="RawPath">The request target exactly as received (still percent-encoded).</param>
/// <param name="ModelId">The model id from the path, percent-decoded.</param>
/// <param name="StatusCode">HTTP status sent (0 while nothing was sent yet).</param>
/// <param name="ErrorType">AWS error type name (e.g. <c>ThrottlingException</c>), or the event-stream exception type sent mid-stream.</param>
/// <param name="Body">The request body as received (UTF-8).</param>
/// <param name="StartedAt">When the request arrived (fake's clock).</param>
/// <param name="CompletedAt">When the answer was complete or abandoned.</param>
/// <param name="ClientAborted">The caller went away before the answer was complete.</param>
/// <param name="InputTokens">Input tokens accounted for a successful invocation.</param>
/// <param name="OutputTokens">Output tokens accounted for a successful invocation.</param>
/// <param name="HeaderNames">The names of the request's headers, lower-case and sorted (values are not kept: one is a signature).</param>
/// <param name="CacheReadTokens">Input tokens a successful invocation read from the prompt cache.</param>
/// <param name="CacheWriteTokens">Input tokens a successful invocation wrote to the prompt cache.</param>
public sealed record RecordedRequest(
    string RequestId,
    string? AccessKeyId,
    string? Region,
    FakeOperation Operation,
    string Method,
    string RawPath,
    string? ModelId,
    int StatusCode,
    string? ErrorType,
    string Body,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt,
    bool ClientAborted,
    int InputTokens,
    int OutputTokens,
    IReadOnlyList<string> HeaderNames,
    int CacheReadTokens = 0,
    int CacheWriteTokens = 0);
