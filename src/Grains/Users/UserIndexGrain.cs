using OrleansProxy.Hosting;
using OrleansProxy.Persistence;

namespace OrleansProxy.Users;

/// <summary>One shard of the user index (see <see cref="IUserIndexGrain"/>); rows are kept sorted in memory for paging.</summary>
[Reentrant]
public sealed class UserIndexGrain(
    [PersistentState("users", ProxyStorage.Name)] IPersistentState<UserIndexState> state) : Grain, IUserIndexGrain
{
    private SerializedStateWriter<UserIndexState>? _writer;
    private SortedList<string, UserSummary>? _sorted;

    private SerializedStateWriter<UserIndexState> Writer => _writer ??= new(state, DeactivateOnIdle);

    private SortedList<string, UserSummary> Sorted =>
        _sorted ??= new SortedList<string, UserSummary>(state.State.Users, StringComparer.Ordinal);

    /// <inheritdoc />
    public Task UpsertAsync(UserSummary user)
    {
        if (state.State.Users.TryGetValue(user.Id, out var current) && current == user)
        {
            return Task.CompletedTask;
        }

        state.State.Users[user.Id] = user;
        Sorted[user.Id] = user;
        return Writer.WriteAsync();
    }

    /// <inheritdoc />
    public Task RemoveAsync(string userId)
    {
        if (!state.State.Users.Remove(userId))
        {
            return Task.CompletedTask;
        }

        Sorted.Remove(userId);
        return Writer.WriteAsync();
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<UserSummary>> ListAsync(UserQuery query)
    {
        var sorted = Sorted;
        var rows = new List<UserSummary>(Math.Min(query.Limit, sorted.Count));
        var start = query.After is null ? 0 : FirstAfter(sorted.Keys, query.After);
        for (var i = start; i < sorted.Count && rows.Count < query.Limit; i++)
        {
            var user = sorted.Values[i];
            if (query.Matches(user))
            {
                rows.Add(user);
            }
        }

        return Task.FromResult<IReadOnlyList<UserSummary>>(rows);
    }

    /// <inheritdoc />
    public Task<int> CountAsync(UserQuery filter)
    {
        if (filter is { Search: not { Length: > 0 }, Disabled: null, ActiveSince: null })
        {
            return Task.FromResult(state.State.Users.Count);
        }

        var count = 0;
        foreach (var user in state.State.Users.Values)
        {
            if (filter.Matches(user))
            {
                count++;
            }
        }

        return Task.FromResult(count);
    }

    // Binary search for the first id ordinally greater than after.
    private static int FirstAfter(IList<string> keys, string after)
    {
        int low = 0, high = keys.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (string.CompareOrdinal(keys[mid], after) <= 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
