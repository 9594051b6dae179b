namespace OrleansProxy.Credentials;

/// <summary>Everything a credential grain knows about itself, safe to show on a dashboard.</summary>
[GenerateSerializer, Immutable, Alias("OrleansProxy.CredentialSnapshot")]
public sealed record CredentialSnapshot(
    [property: Id(0)] CredentialDescriptor Descriptor,
    [property: Id(1)] CredentialStatus Status,
    [property: Id(2)] string StatusReason,
    [property: Id(3)] bool Usable,
    [property: Id(4)] bool Disabled,
    [property: Id(5)] string? DisabledReason,
    [property: Id(6)] LoggingCheck Logging,
    [property: Id(7)] DateTimeOffset? LoggingCheckedAt,
    [property: Id(8)] IReadOnlyList<FamilySnapshot> Families,
    [property: Id(9)] int InFlight,
    [property: Id(10)] DateTimeOffset? LastUsedAt,
    [property: Id(11)] CredentialError? LastError,
    [property: Id(12)] DateTimeOffset? LastCheckAt,
    [property: Id(13)] DateTimeOffset? NextCheckAt,
    [property: Id(14)] bool Retired);
