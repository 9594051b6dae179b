namespace OrleansProxy.Pool;

/// <summary>Permission to make one upstream call with a credential. Expires if never reported back.</summary>
/// <param name="LeaseId">Identifies the lease in reports.</param>
/// <param name="CredentialId">The credential grain's key.</param>
/// <param name="Region">The credential's region (decides the upstream endpoint).</param>
/// <param name="ExpiresAt">When the pool stops counting the lease as in flight.</param>
[GenerateSerializer, Immutable, Alias("OrleansProxy.Lease")]
public sealed record Lease(
    [property: Id(0)] Guid LeaseId,
    [property: Id(1)] string CredentialId,
    [property: Id(2)] string Region,
    [property: Id(3)] DateTimeOffset ExpiresAt);
