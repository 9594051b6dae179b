using OrleansProxy.Credentials;

namespace OrleansProxy.Pool;

/// <summary>Credential counts and usage totals for one model family, for the info page.</summary>
[GenerateSerializer, Immutable, Alias("OrleansProxy.FamilyPoolStats")]
public sealed record FamilyPoolStats(
    [property: Id(0)] string Family,
    [property: Id(1)] int Usable,
    [property: Id(2)] int Throttled,
    [property: Id(3)] int Revoked,
    [property: Id(4)] int LoggingEnabled,
    [property: Id(5)] int LoggingUnknown,
    [property: Id(6)] int NoAccess,
    [property: Id(7)] int Unchecked,
    [property: Id(8)] int Disabled,
    [property: Id(9)] int InFlight,
    [property: Id(10)] FamilyUsage Usage);
