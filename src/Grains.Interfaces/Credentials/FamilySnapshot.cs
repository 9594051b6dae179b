namespace OrleansProxy.Credentials;

/// <summary>One model family as seen by one credential, for dashboards.</summary>
[GenerateSerializer, Immutable, Alias("OrleansProxy.FamilySnapshot")]
public sealed record FamilySnapshot(
    [property: Id(0)] string Family,
    [property: Id(1)] FamilyAccess Access,
    [property: Id(2)] DateTimeOffset? AccessCheckedAt,
    [property: Id(3)] DateTimeOffset? LockedUntil,
    [property: Id(4)] int ConsecutiveThrottles,
    [property: Id(5)] FamilyUsage Usage,
    [property: Id(6)] IReadOnlyDictionary<string, long> ErrorsByKind);
