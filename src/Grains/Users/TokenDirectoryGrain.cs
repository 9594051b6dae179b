using OrleansProxy.Hosting;
using OrleansProxy.Persistence;

namespace OrleansProxy.Users;

/// <summary>
/// One shard of the token directory (see <see cref="ITokenDirectoryGrain"/>), stored in
/// <see cref="BucketedDictionary{TValue}"/> buckets so a create or rotation rewrites a sixteenth of the shard.
/// </summary>
[Reentrant]
public sealed class TokenDirectoryGrain(
    [PersistentState("tokens", ProxyStorage.Name)] IPersistentState<TokenDirectoryState> legacy,
    IPersistentStateFactory states) : ShardGrain<TokenDirectoryState, string>(legacy, static l => l.Users, states, "tokens"), ITokenDirectoryGrain
{
    /// <inheritdoc />
    public Task<string?> ResolveAsync(string tokenHash) =>
        Task.FromResult(Rows.TryGetValue(tokenHash, out var userId) ? userId : null);

    /// <inheritdoc />
    public Task SetAsync(string tokenHash, string userId) =>
        Rows.TryGetValue(tokenHash, out var current) && current == userId ? Task.CompletedTask : Rows.SetAsync(tokenHash, userId);

    /// <inheritdoc />
    public Task RemoveAsync(string tokenHash, string userId) =>
        Rows.TryGetValue(tokenHash, out var current) && current == userId && Rows.Remove(tokenHash, out var written)
            ? written
            : Task.CompletedTask;
}
