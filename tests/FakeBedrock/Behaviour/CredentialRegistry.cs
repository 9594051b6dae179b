using System.Collections.Concurrent;
using OrleansProxy.Testing.FakeBedrock.Signing;

namespace OrleansProxy.Testing.FakeBedrock.Behaviour;

/// <summary>The access keys the fake knows, by access key id.</summary>
internal sealed class CredentialRegistry
{
    private readonly ConcurrentDictionary<string, FakeAccount> _accounts = new(StringComparer.Ordinal);
    private readonly AccountQuotas _quotas = new();

    public IReadOnlyCollection<FakeAccount> All => [.. _accounts.Values.OrderBy(a => a.AccessKeyId, StringComparer.Ordinal)];

    /// <summary>Adds a key, or replaces the secret and region of a known one (its knobs start over).</summary>
    public FakeAccount Add(string accessKeyId, string secretAccessKey, string region)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessKeyId);
        ArgumentException.ThrowIfNullOrWhiteSpace(secretAccessKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        var account = new FakeAccount(accessKeyId, secretAccessKey, region, _quotas);
        _accounts[accessKeyId] = account;
        return account;
    }

    public FakeAccount? Find(string accessKeyId) => _accounts.GetValueOrDefault(accessKeyId);

    public FakeAccount Get(string accessKeyId) =>
        Find(accessKeyId) ?? throw new KeyNotFoundException($"The fake Bedrock knows no access key '{accessKeyId}'.");

    /// <summary>What the signature check may use: revoked keys are unknown to AWS, so they yield nothing.</summary>
    public SigningCredential? FindSigning(string accessKeyId) =>
        Find(accessKeyId) is { Revoked: false } account ? account.Signing : null;
}
