using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using OrleansProxy.Gateway.Forwarding;
using OrleansProxy.Gateway.Hosting;

namespace OrleansProxy.Gateway.Auth;

/// <summary>
/// Token hash → user id, remembered for <see cref="GatewayOptions.TokenCacheTtl"/> (at most 1 s) so a busy client's
/// requests cost one grain call (its user's admission), not two. Unknown tokens are remembered too, so a client
/// hammering with a wrong token costs the directory one call a second. Safe to keep stale for that second: the user
/// grain checks the hash itself, so a rotated or deleted token is refused at once anyway.
/// </summary>
public sealed class TokenDirectoryCache(GrainReferences grains, IOptions<GatewayOptions> options, TimeProvider time)
{
    // Far above the users a gateway serves in one second; past it the cache starts over rather than grow.
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The user whose token hashes to <paramref name="tokenHash"/>, or null.</summary>
    public async ValueTask<string?> ResolveAsync(string tokenHash, CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        if (_entries.TryGetValue(tokenHash, out var entry) && now < entry.Expires)
        {
            return entry.UserId;
        }

        var userId = await GrainCalls.RetryAsync(() => grains.Directory(tokenHash).ResolveAsync(tokenHash), null, cancellationToken);
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        var ttl = options.Value.TokenCacheTtl;
        _entries[tokenHash] = new Entry(userId, now + (long)(ttl.TotalSeconds * time.TimestampFrequency));
        return userId;
    }

    private readonly record struct Entry(string? UserId, long Expires);
}
