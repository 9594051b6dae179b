namespace OrleansProxy.Users;

/// <summary>A user's row in the user index: enough to list, filter and page 100,000 users without waking their grains.</summary>
/// <param name="Id">The user's id.</param>
/// <param name="Name">Its display name.</param>
/// <param name="Created">When it was created.</param>
/// <param name="ExpiresAt">Its expiry, if any.</param>
/// <param name="Disabled">Whether it is disabled.</param>
/// <param name="LastActiveDay">The last UTC day it used anything (null: never), so usage reports skip idle users.</param>
[GenerateSerializer, Immutable, Alias("OrleansProxy.UserSummary")]
public sealed record UserSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset Created,
    [property: Id(3)] DateTimeOffset? ExpiresAt,
    [property: Id(4)] bool Disabled,
    [property: Id(5)] DateOnly? LastActiveDay);
