using System.Collections.Frozen;

namespace OrleansProxy.Credentials;

/// <summary>The credentials parsed from <c>AWS_CREDENTIALS</c> at silo start.</summary>
public sealed class EnvironmentCredentialStore : ICredentialSecretStore
{
    private readonly FrozenDictionary<string, AwsCredential> _byId;

    /// <summary>Creates the store over parsed credentials.</summary>
    public EnvironmentCredentialStore(IReadOnlyList<AwsCredential> credentials)
    {
        All = credentials;
        _byId = credentials.ToFrozenDictionary(c => c.Id, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public IReadOnlyList<AwsCredential> All { get; }

    /// <inheritdoc />
    public AwsCredential? Find(string credentialId) => _byId.GetValueOrDefault(credentialId);
}
