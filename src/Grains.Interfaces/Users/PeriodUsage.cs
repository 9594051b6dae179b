namespace OrleansProxy.Users;

/// <summary>Usage in the current span of one period, per family.</summary>
/// <param name="Period">The period.</param>
/// <param name="Start">When the current span began (null for the total).</param>
/// <param name="ResetsAt">When it ends (null for the total).</param>
/// <param name="ByFamily">Family → usage.</param>
[GenerateSerializer, Immutable, Alias("OrleansProxy.PeriodUsage")]
public sealed record PeriodUsage(
    [property: Id(0)] UsagePeriod Period,
    [property: Id(1)] DateTimeOffset? Start,
    [property: Id(2)] DateTimeOffset? ResetsAt,
    [property: Id(3)] IReadOnlyDictionary<string, UsageCounters> ByFamily);