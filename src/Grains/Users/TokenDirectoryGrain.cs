using OrleansProxy.Hosting;
using OrleansProxy.Persistence;

namespace OrleansProxy.Users;

/// <summary>One shard of the token directory (see <see cref="ITokenDirectoryGrain"/>).</summary>
[Reentrant]
public sealed class TokenDirectoryGrain(
    [PersistentState("tokens", ProxyStorage.Name)] IPersistentState<TokenDirectoryState> state) : Grain, ITokenDirectoryGrain
{
    private SerializedStateWriter<TokenDirectoryState>? _writer;

    private SerializedStateWriter<TokenDirectoryState> Writer => _writer ??= new(state, DeactivateOnIdle);

    /// <inheritdoc />
    public Task<string?> ResolveAsync(string tokenHash) =>
        Task.FromResult(state.State.Users.GetValueOrDefault(tokenHash));

    /// <inheritdoc />
    public Task SetAsync(string tokenHash, string userId)
    {
        if (state.State.Users.TryGetValue(tokenHash, out var current) && current == userId)
        {
            return Task.CompletedTask;
        }

        state.State.Users[tokenHash] = userId;
        return Writer.WriteAsync();
    }

    /// <inheritdoc />
    public Task RemoveAsync(string tokenHash, string userId) =>
        state.State.Users.TryGetValue(tokenHash, out var current) && current == userId && state.State.Users.Remove(tokenHash)
            ? Writer.WriteAsync()
            : Task.CompletedTask;
}
