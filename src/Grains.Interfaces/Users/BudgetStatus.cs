namespace OrleansProxy.Users;

/// <summary>A budget and where it stands.</summary>
[GenerateSerializer, Immutable, Alias("OrleansProxy.BudgetStatus")]
public sealed record BudgetStatus(
    [property: Id(0)] UsdBudget Budget,
    [property: Id(1)] decimal SpentUsd,
    [property: Id(2)] DateTimeOffset? ResetsAt)
{
    /// <summary>Dollars left in the period (zero when spent).</summary>
    public decimal LeftUsd => Math.Max(0, Budget.Usd - SpentUsd);
}
