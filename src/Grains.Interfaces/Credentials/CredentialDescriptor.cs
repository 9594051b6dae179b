namespace OrleansProxy.Credentials;

/// <summary>The public identity of a credential: everything about it except the secret.</summary>
/// <param name="Id">Short stable hash id, also the credential grain's key.</param>
/// <param name="MaskedAccessKeyId">The access key id with its middle hidden (<c>AKIA…WXYZ</c>).</param>
/// <param name="Region">The AWS region the credential signs for.</param>
/// <param name="Source">Where the credential came from.</param>
/// <param name="QuotaGroup">
/// Credentials with the same group belong to one AWS account, so in one region they share Bedrock's quotas: a short
/// hash of the account id read from the access key id, or null when the key id does not encode one.
/// </param>
[GenerateSerializer, Immutable, Alias("OrleansProxy.CredentialDescriptor")]
public sealed record CredentialDescriptor(
    [property: Id(0)] string Id,
    [property: Id(1)] string MaskedAccessKeyId,
    [property: Id(2)] string Region,
    [property: Id(3)] CredentialSource Source,
    [property: Id(4)] string? QuotaGroup = null);
