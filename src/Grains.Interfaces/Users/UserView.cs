namespace OrleansProxy.Users;

/// <summary>A user as the admin API, the dashboard and the user itself see it: never its token or the token's hash.</summary>
/// <param name="Id">The user's id.</param>
/// <param name="Spec">What an operator set.</param>
/// <param name="Created">When the user was created.</param>
/// <param name="Disabled">Whether an operator disabled the user.</param>
/// <param name="DisabledReason">The operator's reason, if disabled.</param>
/// <param name="TokenRotated">When the token was last rotated (null: never).</param>
/// <param name="InFlight">Requests in flight now.</param>
/// <param name="RequestsLastMinute">Requests admitted in the last 60 s.</param>
/// <param name="TokensLastMinute">Tokens used in the last 60 s plus those reserved by answers in flight.</param>
/// <param name="Periods">Usage in the current day, week, month and in total, per family, with each period's reset.</param>
/// <param name="Quotas">Each quota with what is used and left.</param>
/// <param name="Budgets">Each budget with what is spent and left.</param>
[GenerateSerializer, Immutable, Alias("OrleansProxy.UserView")]
public sealed record UserView(
    [property: Id(0)] string Id,
    [property: Id(1)] UserSpec Spec,
    [property: Id(2)] DateTimeOffset Created,
    [property: Id(3)] bool Disabled,
    [property: Id(4)] string? DisabledReason,
    [property: Id(5)] DateTimeOffset? TokenRotated,
    [property: Id(6)] int InFlight,
    [property: Id(7)] int RequestsLastMinute,
    [property: Id(8)] long TokensLastMinute,
    [property: Id(9)] IReadOnlyList<PeriodUsage> Periods,
    [property: Id(10)] IReadOnlyList<QuotaStatus> Quotas,
    [property: Id(11)] IReadOnlyList<BudgetStatus> Budgets);