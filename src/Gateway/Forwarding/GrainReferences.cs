using System.Collections.Concurrent;
using OrleansProxy.Credentials;
using OrleansProxy.Pool;
using OrleansProxy.Users;

namespace OrleansProxy.Gateway.Forwarding;

/// <summary>
/// The grain references the request path uses, made once: building a reference resolves the grain interface's type
/// name each time, a measurable share of a gateway's CPU and allocations when done two or three times per request.
/// References are plain values (grain type and key), valid for as long as the cluster lives.
/// </summary>
public sealed class GrainReferences(IGrainFactory grains)
{
    // Far above any real key set; past it the cache starts over rather than grow with ids that no longer matter.
    private const int MaxCredentials = 100_000;

    private readonly ConcurrentDictionary<string, ICredentialGrain> _credentials = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IUserGrain> _users = new(StringComparer.Ordinal);
    private readonly ITokenDirectoryGrain?[] _directory = new ITokenDirectoryGrain?[UserShards.Count];
    private IKeyPoolGrain? _pool;

    /// <summary>
    /// The key pool. Made on first use, not at construction: a cluster client can make references only once it
    /// has connected and learnt the cluster's grain types, which is after the host built its services.
    /// </summary>
    public IKeyPoolGrain Pool => _pool ??= grains.GetGrain<IKeyPoolGrain>(IKeyPoolGrain.DefaultKey);

    /// <summary>The grain of credential <paramref name="credentialId"/>.</summary>
    public ICredentialGrain Credential(string credentialId)
    {
        if (_credentials.TryGetValue(credentialId, out var credential))
        {
            return credential;
        }

        if (_credentials.Count >= MaxCredentials)
        {
            _credentials.Clear();
        }

        return _credentials.GetOrAdd(credentialId, grains.GetGrain<ICredentialGrain>(credentialId));
    }

    /// <summary>The grain of user <paramref name="userId"/> (one per request in <c>user_token</c> mode).</summary>
    public IUserGrain User(string userId)
    {
        if (_users.TryGetValue(userId, out var user))
        {
            return user;
        }

        if (_users.Count >= MaxCredentials)
        {
            _users.Clear();
        }

        return _users.GetOrAdd(userId, grains.GetGrain<IUserGrain>(userId));
    }

    /// <summary>The token-directory shard that holds <paramref name="tokenHash"/>.</summary>
    public ITokenDirectoryGrain Directory(string tokenHash)
    {
        var shard = UserShards.OfTokenHash(tokenHash);
        return _directory[shard] ??= grains.GetGrain<ITokenDirectoryGrain>(shard);
    }
}
