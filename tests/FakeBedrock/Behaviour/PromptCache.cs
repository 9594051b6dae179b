using System.Collections.Concurrent;
using OrleansProxy.Testing.FakeBedrock.Invocation;

namespace OrleansProxy.Testing.FakeBedrock.Behaviour;

/// <summary>
/// Bedrock's prompt cache: one per AWS account and region (keys of one account share it; a key whose account is
/// unknown has its own), per model and prefix. Thread-safe.
/// </summary>
/// <remarks>
/// As Anthropic documents it: a request writes the prefix ending at each of its marked blocks; it reads the longest
/// cached prefix ending at a marked block or at one of the <see cref="LookbackBlocks"/> blocks before one (so a client
/// that marks only its newest message still reads the previous turn's prefix), which refreshes that entry's
/// lifetime; what lies between the read prefix and the last mark is written. Prefixes under the minimum size are
/// neither written nor read.
/// </remarks>
internal sealed class PromptCache(TimeProvider time, int minTokens)
{
    /// <summary>How many blocks before a mark are checked for a cached prefix.</summary>
    public const int LookbackBlocks = 20;

    private readonly ConcurrentDictionary<(string Scope, string Region, string Model, string Prefix), DateTimeOffset> _entries = new();

    /// <summary>What one request read from and wrote to the cache, in tokens.</summary>
    public readonly record struct Use(int ReadTokens, int WriteTokens);

    /// <summary>Entries alive now.</summary>
    public int Count(DateTimeOffset now) => _entries.Count(e => e.Value > now);

    /// <summary>Reads and writes the cache for a request of <paramref name="account"/> to <paramref name="modelId"/>.</summary>
    public Use Apply(FakeAccount account, string modelId, IReadOnlyList<CachePoint> points)
    {
        if (points.Count == 0)
        {
            return default;
        }

        var now = time.GetUtcNow();
        var scope = account.Account ?? "key:" + account.AccessKeyId;
        var read = FindRead(scope, account.Region, modelId, points, now);
        var readTokens = 0;
        if (read >= 0)
        {
            var hit = points[read];
            readTokens = hit.PrefixTokens;
            var key = (scope, account.Region, modelId, hit.PrefixHash);
            var refreshed = now + (hit.Ttl ?? TimeSpan.FromMinutes(5));
            _entries.AddOrUpdate(key, refreshed, (_, known) => known > refreshed ? known : refreshed);
        }

        var writeTokens = 0;
        for (var i = read + 1; i < points.Count; i++)
        {
            var point = points[i];
            if (point.Ttl is { } ttl && point.PrefixTokens >= minTokens)
            {
                _entries[(scope, account.Region, modelId, point.PrefixHash)] = now + ttl;
                writeTokens = point.PrefixTokens - readTokens;
            }
        }

        account.CountCache(readTokens, writeTokens);
        return new Use(readTokens, writeTokens);
    }

    /// <summary>Forgets everything.</summary>
    public void Clear() => _entries.Clear();

    // The index of the longest cached prefix within the lookback of some mark; -1 when none. Searching from the last
    // mark backwards, the first hit is the longest (an earlier mark's window holds nothing past it that this one lacks).
    private int FindRead(string scope, string region, string modelId, IReadOnlyList<CachePoint> points, DateTimeOffset now)
    {
        for (var mark = points.Count - 1; mark >= 0; mark--)
        {
            if (!points[mark].Marked)
            {
                continue;
            }

            for (var i = mark; i >= 0 && i >= mark - LookbackBlocks; i--)
            {
                var point = points[i];
                if (point.PrefixTokens >= minTokens
                    && _entries.TryGetValue((scope, region, modelId, point.PrefixHash), out var expires) && expires > now)
                {
                    return i;
                }
            }
        }

        return -1;
    }
}
