namespace OrleansProxy.Users;

/// <summary>At most <paramref name="Usd"/> US dollars of estimated cost (the price table, cache tokens included) per period.</summary>
/// <param name="Period">The period the budget covers.</param>
/// <param name="Usd">The budget.</param>
[GenerateSerializer, Immutable, Alias("OrleansProxy.UsdBudget")]
public sealed record UsdBudget(
    [property: Id(0)] UsagePeriod Period,
    [property: Id(1)] decimal Usd);
