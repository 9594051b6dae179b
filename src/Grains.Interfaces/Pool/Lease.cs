namespace OrleansProxy.Pool;

/// <summary>Permission to make one upstream call with a credential. Expires if never reported back.</summary>
/// <param name="LeaseId">Identifies the lease in reports; <see cref="Guid.Empty"/> for a CountTokens pick, which has no record to report to.</param>
/// <param name="CredentialId">The credential grain's key.</param>
/// <param name="Region">The credential's region (decides the upstream endpoint).</param>
/// <param name="ExpiresAt">When the pool stops counting the lease as in flight.</param>
/// <param name="UpstreamModelId">
/// The id to put in the upstream URL for this credential (base id on demand, or the profile of its geography), chosen
/// by the pool from Bedrock's listing of the credential's region; null from a pool that predates it (route locally).
/// </param>
/// <param name="BaseModelId">The model's bare base id (<c>anthropic.claude-opus-5-5</c>), e.g. for CountTokens.</param>
[GenerateSerializer, Immutable, Alias("OrleansProxy.Lease")]
public sealed record Lease(
    [property: Id(0)] Guid LeaseId,
    [property: Id(1)] string CredentialId,
    [property: Id(2)] string Region,
    [property: Id(3)] DateTimeOffset ExpiresAt,
    [property: Id(4)] string? UpstreamModelId = null,
    [property: Id(5)] string? BaseModelId = null);
