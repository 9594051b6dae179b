namespace OrleansProxy.Users;

/// <summary>A page of the user index in id order.</summary>
/// <param name="After">Only ids after this one (the previous page's last), or null from the start.</param>
/// <param name="Limit">Most rows.</param>
/// <param name="Search">Only users whose id or name contains this (case-insensitive), or null.</param>
/// <param name="Disabled">Only disabled (true) or enabled (false) users, or null for both.</param>
/// <param name="ActiveSince">Only users active on or after this UTC day, or null.</param>
[GenerateSerializer, Immutable, Alias("OrleansProxy.UserQuery")]
public sealed record UserQuery(
    [property: Id(0)] string? After,
    [property: Id(1)] int Limit,
    [property: Id(2)] string? Search = null,
    [property: Id(3)] bool? Disabled = null,
    [property: Id(4)] DateOnly? ActiveSince = null)
{
    /// <summary>Whether <paramref name="user"/> passes the filters (not the paging).</summary>
    public bool Matches(UserSummary user) =>
        (Search is not { Length: > 0 }
            || user.Id.Contains(Search, StringComparison.OrdinalIgnoreCase)
            || user.Name.Contains(Search, StringComparison.OrdinalIgnoreCase))
        && (Disabled is null || user.Disabled == Disabled)
        && (ActiveSince is null || user.LastActiveDay >= ActiveSince);
}
