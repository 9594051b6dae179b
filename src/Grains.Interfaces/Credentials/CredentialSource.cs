namespace OrleansProxy.Credentials;

/// <summary>Where a credential came from, which decides where its secret lives.</summary>
public enum CredentialSource
{
    /// <summary><c>AWS_CREDENTIALS</c>: every silo reads the secret from its own environment.</summary>
    Environment,

    /// <summary>Added at run time through the admin API: the secret is kept encrypted in grain storage.</summary>
    Runtime,
}
