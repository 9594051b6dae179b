using OrleansProxy.Credentials;

namespace OrleansProxy.Gateway.Admin;

/// <summary>What adding credentials did.</summary>
/// <param name="Added">Credentials stored, registered and checked.</param>
/// <param name="Unchanged">Credentials already configured through <c>AWS_CREDENTIALS</c>, left as they are.</param>
/// <param name="Credentials">The state of every credential named, after its first check.</param>
public sealed record AddCredentialsResult(int Added, int Unchanged, IReadOnlyList<CredentialSnapshot> Credentials);
