using OrleansProxy.Credentials;

namespace OrleansProxy.Pool;

/// <summary>Credential counts and usage totals for one model family, for the info page.</summary>
/// <remarks>
/// <see cref="DailyQuotaExhausted"/> counts the <see cref="Throttled"/> credentials whose account spent its daily token
/// quota; the first of them is usable again at <see cref="DailyQuotaResetsAt"/>.
/// </remarks>
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
    [property: Id(10)] FamilyUsage Usage,
    [property: Id(11)] int DailyQuotaExhausted = 0,
    [property: Id(12)] DateTimeOffset? DailyQuotaResetsAt = null);
