namespace OrleansProxy.Credentials;

/// <summary>
/// <c>AWS_CREDENTIALS</c> has malformed entries. The message lists each one by position and masked access
/// key id; it never contains a secret.
/// </summary>
public sealed class CredentialConfigurationException : Exception
{
    /// <summary>Creates the exception from one line per problem.</summary>
    public CredentialConfigurationException(IReadOnlyList<string> problems)
        : base("AWS_CREDENTIALS is malformed:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
    {
        Problems = problems;
    }

    /// <summary>One line per malformed entry.</summary>
    public IReadOnlyList<string> Problems { get; }
}
