using OrleansProxy.Credentials;

namespace OrleansProxy.Pool;

/// <summary>The pool's aggregate view: no secrets, no access key ids, only counts.</summary>
[GenerateSerializer, Immutable, Alias("OrleansProxy.PoolSnapshot")]
public sealed record PoolSnapshot(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] int Credentials,
    [property: Id(2)] IReadOnlyDictionary<CredentialStatus, int> ByStatus,
    [property: Id(3)] IReadOnlyList<FamilyPoolStats> Families,
    [property: Id(4)] int InFlight,
    [property: Id(5)] bool AllowAwsLogging,
    [property: Id(6)] int Disabled);
