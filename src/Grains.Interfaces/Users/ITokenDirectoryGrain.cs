namespace OrleansProxy.Users;

/// <summary>
/// One shard (<see cref="UserShards.OfTokenHash"/>) of the map from token hashes to user ids. Holds hashes only: a
/// token is never stored. Gateways cache answers for at most a second; the user grain re-checks the hash anyway.
/// </summary>
[Alias("OrleansProxy.ITokenDirectoryGrain")]
public interface ITokenDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>The user whose current token hashes to <paramref name="tokenHash"/>, or null.</summary>
    [Alias("Resolve"), ReadOnly]
    Task<string?> ResolveAsync(string tokenHash);

    /// <summary>Maps <paramref name="tokenHash"/> to <paramref name="userId"/>.</summary>
    [Alias("Set")]
    Task SetAsync(string tokenHash, string userId);

    /// <summary>Forgets <paramref name="tokenHash"/> if it still maps to <paramref name="userId"/>.</summary>
    [Alias("Remove")]
    Task RemoveAsync(string tokenHash, string userId);
}
