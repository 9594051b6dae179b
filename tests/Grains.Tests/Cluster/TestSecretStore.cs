using System.Collections.Concurrent;
using OrleansProxy.Credentials;

namespace OrleansProxy.Cluster.Tests;

/// <summary>A secret store tests fill at run time. In-process test silos share it, as real silos share AWS_CREDENTIALS.</summary>
public sealed class TestSecretStore : ICredentialSecretStore
{
    private readonly ConcurrentDictionary<string, AwsCredential> _byId = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public IReadOnlyList<AwsCredential> All => [.. _byId.Values];

    /// <inheritdoc />
    public AwsCredential? Find(string credentialId) => _byId.GetValueOrDefault(credentialId);

    public void Add(AwsCredential credential) => _byId[credential.Id] = credential;
}
