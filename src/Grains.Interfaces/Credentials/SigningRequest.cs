namespace OrleansProxy.Credentials;

/// <summary>
/// A description of an HTTP request for the credential grain to sign. Only the body's SHA-256 travels, never
/// the body, and only the headers to add come back, never the secret.
/// </summary>
/// <param name="LeaseId">The lease this request is sent under; <see cref="Guid.Empty"/> for a call outside the lease bookkeeping (CountTokens).</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Uri">The absolute URL exactly as it will be sent (path already percent-encoded).</param>
/// <param name="Headers">Headers to include in the signature (e.g. content-type, accept).</param>
/// <param name="PayloadSha256">Lower-case hex SHA-256 of the body.</param>
[GenerateSerializer, Immutable, Alias("OrleansProxy.SigningRequest")]
public sealed record SigningRequest(
    [property: Id(0)] Guid LeaseId,
    [property: Id(1)] string Method,
    [property: Id(2)] string Uri,
    [property: Id(3)] IReadOnlyDictionary<string, string> Headers,
    [property: Id(4)] string PayloadSha256);
