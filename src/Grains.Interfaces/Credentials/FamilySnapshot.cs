namespace OrleansProxy.Credentials;

/// <summary>One model family as seen by one credential, for dashboards.</summary>
/// <remarks>
/// <see cref="LockKind"/> says which quota the lockout in <see cref="LockedUntil"/> is for; with
/// <see cref="ThrottleKind.DailyQuota"/> the lockout ends when the daily quota resets.
/// </remarks>
[GenerateSerializer, Immutable, Alias("OrleansProxy.FamilySnapshot")]
public sealed record FamilySnapshot(
    [property: Id(0)] string Family,
    [property: Id(1)] FamilyAccess Access,
    [property: Id(2)] DateTimeOffset? AccessCheckedAt,
    [property: Id(3)] DateTimeOffset? LockedUntil,
    [property: Id(4)] int ConsecutiveThrottles,
    [property: Id(5)] FamilyUsage Usage,
    [property: Id(6)] IReadOnlyDictionary<string, long> ErrorsByKind,
    [property: Id(7)] ThrottleKind? LockKind = null);
