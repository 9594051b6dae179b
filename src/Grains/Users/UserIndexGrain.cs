using OrleansProxy.Hosting;
using OrleansProxy.Persistence;

namespace OrleansProxy.Users;

/// <summary>
/// One shard of the user index (see <see cref="IUserIndexGrain"/>); rows are kept sorted in memory for paging and
/// stored in <see cref="BucketedDictionary{TValue}"/> buckets, so a create rewrites a sixteenth of the shard.
/// </summary>
[Reentrant]
public sealed class UserIndexGrain(
    [PersistentState("users", ProxyStorage.Name)] IPersistentState<UserIndexState> legacy,
    IPersistentStateFactory states) : ShardGrain<UserIndexState, UserSummary>(legacy, static l => l.Users, states, "users"), IUserIndexGrain
{
    private SortedList<string, UserSummary> _sorted = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        _sorted = new SortedList<string, UserSummary>(Rows.Rows.ToDictionary(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public Task UpsertAsync(UserSummary user)
    {
        if (Rows.TryGetValue(user.Id, out var current) && current == user)
        {
            return Task.CompletedTask;
        }

        _sorted[user.Id] = user;
        return Rows.SetAsync(user.Id, user);
    }

    /// <inheritdoc />
    public Task RemoveAsync(string userId)
    {
        if (!Rows.Remove(userId, out var written))
        {
            return Task.CompletedTask;
        }

        _sorted.Remove(userId);
        return written;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<UserSummary>> ListAsync(UserQuery query)
    {
        var sorted = _sorted;
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
            return Task.FromResult(_sorted.Count);
        }

        var count = 0;
        foreach (var user in _sorted.Values)
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
