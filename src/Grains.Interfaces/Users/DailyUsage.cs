namespace OrleansProxy.Users;

/// <summary>One user's usage of one family on one UTC day: the unit usage reports are built from.</summary>
[GenerateSerializer, Immutable, Alias("OrleansProxy.DailyUsage")]
public sealed record DailyUsage(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] string Family,
    [property: Id(2)] UsageCounters Usage);
