using System.Collections.Concurrent;

namespace OrleansProxy.Testing.FakeBedrock.Behaviour;

/// <summary>One shared <see cref="ThrottleQuota"/> per AWS account and region, as Bedrock's quotas are regional.</summary>
internal sealed class AccountQuotas
{
    private readonly ConcurrentDictionary<(string Account, string Region), ThrottleQuota> _byAccount = new();

    public ThrottleQuota For(string accountId, string region) => _byAccount.GetOrAdd((accountId, region), static _ => new ThrottleQuota());
}
