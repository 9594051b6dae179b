using OrleansProxy.Hosting;
using OrleansProxy.Persistence;

namespace OrleansProxy.Users;

/// <summary>
/// One shard of the token directory (see <see cref="ITokenDirectoryGrain"/>), stored in
/// <see cref="BucketedDictionary{TValue}"/> buckets so a create or rotation rewrites a sixteenth of the shard.
/// </summary>
[Reentrant]
public sealed class TokenDirectoryGrain : Grain, ITokenDirectoryGrain
{
    private readonly IPersistentState<TokenDirectoryState> _legacy;
    private readonly BucketedDictionary<string> _users;

    /// <summary>Creates the shard's storage records (read when it activates).</summary>
    public TokenDirectoryGrain(
        [PersistentState("tokens", ProxyStorage.Name)] IPersistentState<TokenDirectoryState> legacy,
        IPersistentStateFactory states)
    {
        _legacy = legacy;
        _users = new BucketedDictionary<string>(states, GrainContext, "tokens", ProxyStorage.Name, DeactivateOnIdle);
    }

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (_legacy.State.Users.Count > 0)
        {
            // Written by a version that kept the shard in one record: move its entries into the buckets once.
            await _users.SetManyAsync(_legacy.State.Users);
            await _legacy.ClearStateAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public Task<string?> ResolveAsync(string tokenHash) =>
        Task.FromResult(_users.TryGetValue(tokenHash, out var userId) ? userId : null);

    /// <inheritdoc />
    public Task SetAsync(string tokenHash, string userId) =>
        _users.TryGetValue(tokenHash, out var current) && current == userId ? Task.CompletedTask : _users.SetAsync(tokenHash, userId);

    /// <inheritdoc />
    public Task RemoveAsync(string tokenHash, string userId) =>
        _users.TryGetValue(tokenHash, out var current) && current == userId && _users.Remove(tokenHash, out var written)
            ? written
            : Task.CompletedTask;
}
