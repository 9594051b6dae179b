using System.Collections.Concurrent;

namespace OrleansProxy.Testing.FakeBedrock.Behaviour;

/// <summary>One shared <see cref="ThrottleQuota"/> per AWS account id.</summary>
internal sealed class AccountQuotas
{
    private readonly ConcurrentDictionary<string, ThrottleQuota> _byAccount = new(StringComparer.Ordinal);

    public ThrottleQuota For(string accountId) => _byAccount.GetOrAdd(accountId, static _ => new ThrottleQuota());
}
