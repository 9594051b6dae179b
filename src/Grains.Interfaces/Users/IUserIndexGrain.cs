namespace OrleansProxy.Users;

/// <summary>One shard (<see cref="UserShards.OfUser"/>) of the user list, kept by the user grains.</summary>
[Alias("OrleansProxy.IUserIndexGrain")]
public interface IUserIndexGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or replaces a user's row.</summary>
    [Alias("Upsert")]
    Task UpsertAsync(UserSummary user);

    /// <summary>Removes a user's row.</summary>
    [Alias("Remove")]
    Task RemoveAsync(string userId);

    /// <summary>This shard's rows that match <paramref name="query"/>, in ordinal id order, at most its limit.</summary>
    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<UserSummary>> ListAsync(UserQuery query);

    /// <summary>How many of this shard's rows match <paramref name="filter"/> (its paging ignored).</summary>
    [Alias("CountMatching"), ReadOnly]
    Task<int> CountAsync(UserQuery filter);
}
