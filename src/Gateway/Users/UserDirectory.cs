using OrleansProxy.Users;

namespace OrleansProxy.Gateway.Users;

/// <summary>
/// Reads the user index across its <see cref="UserShards.Count"/> shards: a page in id order (each shard answers its
/// first rows after the cursor, the gateway merges them), and every user matching a query, shard by shard. Neither
/// loads the whole index nor wakes a user grain.
/// </summary>
public static class UserDirectory
{
    /// <summary>The rows each shard returns per call when enumerating.</summary>
    public const int EnumerationBatch = 1000;

    /// <summary>
    /// The first <see cref="UserQuery.Limit"/> matching rows after <see cref="UserQuery.After"/>, in ordinal id
    /// order, and whether more follow.
    /// </summary>
    public static async Task<(IReadOnlyList<UserSummary> Rows, bool More)> PageAsync(IGrainFactory grains, UserQuery query)
    {
        // One row more than asked tells whether another page exists, without a second round.
        var probe = query with { Limit = query.Limit + 1 };
        var shards = await Task.WhenAll(Enumerable.Range(0, UserShards.Count)
            .Select(shard => grains.GetGrain<IUserIndexGrain>(shard).ListAsync(probe)));
        var merged = shards.SelectMany(rows => rows).OrderBy(row => row.Id, StringComparer.Ordinal).Take(probe.Limit).ToList();
        var more = merged.Count > query.Limit;
        if (more)
        {
            merged.RemoveAt(merged.Count - 1);
        }

        return (merged, more);
    }

    /// <summary>How many users in the index match <paramref name="filter"/> (its paging ignored).</summary>
    public static async Task<int> CountAsync(IGrainFactory grains, UserQuery filter) =>
        (await Task.WhenAll(Enumerable.Range(0, UserShards.Count)
            .Select(shard => grains.GetGrain<IUserIndexGrain>(shard).CountAsync(filter)))).Sum();

    /// <summary>Every user matching <paramref name="filter"/> (its paging ignored), a shard at a time, in batches.</summary>
    public static async IAsyncEnumerable<UserSummary> AllAsync(IGrainFactory grains, UserQuery filter,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var shard = 0; shard < UserShards.Count; shard++)
        {
            var index = grains.GetGrain<IUserIndexGrain>(shard);
            string? after = null;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var rows = await index.ListAsync(filter with { After = after, Limit = EnumerationBatch });
                foreach (var row in rows)
                {
                    yield return row;
                }

                if (rows.Count < EnumerationBatch)
                {
                    break;
                }

                after = rows[^1].Id;
            }
        }
    }
}
