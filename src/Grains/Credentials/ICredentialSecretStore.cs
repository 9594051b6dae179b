namespace OrleansProxy.Credentials;

/// <summary>
/// Silo-local source of credential secrets. Every silo reads the same <c>AWS_CREDENTIALS</c>, so whichever silo
/// activates a credential grain finds the secret locally and it never crosses the network.
/// </summary>
public interface ICredentialSecretStore
{
    /// <summary>The credential with this id, if this silo's configuration holds it.</summary>
    AwsCredential? Find(string credentialId);

    /// <summary>Every credential this silo's configuration holds.</summary>
    IReadOnlyList<AwsCredential> All { get; }
}
