namespace OrleansProxy.Users;

/// <summary>What an operator sets on a user.</summary>
/// <param name="Name">A display name (not unique, not secret).</param>
/// <param name="ExpiresAt">When the user's token stops working, if ever.</param>
/// <param name="AllowedFamilies">The model families the user may call; null or empty: all.</param>
/// <param name="Limits">Rate limits.</param>
/// <param name="Quotas">Token quotas per family and period.</param>
/// <param name="Budgets">Cost budgets per period.</param>
[GenerateSerializer, Immutable, Alias("OrleansProxy.UserSpec")]
public sealed record UserSpec(
    [property: Id(0)] string Name,
    [property: Id(1)] DateTimeOffset? ExpiresAt,
    [property: Id(2)] IReadOnlyList<string>? AllowedFamilies,
    [property: Id(3)] UserLimits Limits,
    [property: Id(4)] IReadOnlyList<TokenQuota> Quotas,
    [property: Id(5)] IReadOnlyList<UsdBudget> Budgets)
{
    /// <summary>Whether the user may call <paramref name="family"/>.</summary>
    public bool Allows(string family) => AllowedFamilies is not { Count: > 0 } || AllowedFamilies.Contains(family);
}
