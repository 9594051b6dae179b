using OrleansProxy.Credentials;

namespace OrleansProxy.Pool;

/// <summary>A credential grain telling the pool a lease is over, with its latest usage for the family.</summary>
[GenerateSerializer, Immutable, Alias("OrleansProxy.LeaseRelease")]
public sealed record LeaseRelease(
    [property: Id(0)] string CredentialId,
    [property: Id(1)] Guid LeaseId,
    [property: Id(2)] string Family,
    [property: Id(3)] FamilyUsage Usage,
    [property: Id(4)] DateTimeOffset At);
