using System.Security.Cryptography;
using System.Text;

namespace OrleansProxy.Credentials;

/// <summary>
/// One entry of <c>AWS_CREDENTIALS</c>: access key id, secret and region. Lives only on silos; its
/// <see cref="ToString"/> never shows the secret, and no contract type carries it.
/// </summary>
public sealed class AwsCredential : IEquatable<AwsCredential>
{
    /// <summary>Creates a credential; callers validate the parts first (see <see cref="AwsCredentialsParser"/>).</summary>
    public AwsCredential(string accessKeyId, string secretAccessKey, string region)
    {
        AccessKeyId = accessKeyId;
        SecretAccessKey = secretAccessKey;
        Region = region;
        Id = ComputeId(accessKeyId, secretAccessKey, region);
        MaskedAccessKeyId = Mask(accessKeyId);
        QuotaGroup = AwsAccountIds.QuotaGroup(accessKeyId);
    }

    /// <summary>The access key id (not secret, but shown only masked).</summary>
    public string AccessKeyId { get; }

    /// <summary>The secret access key. Never logged, serialised or returned.</summary>
    public string SecretAccessKey { get; }

    /// <summary>The region the credential signs for.</summary>
    public string Region { get; }

    /// <summary>
    /// Short stable id: a hash over all three parts, so two secrets for one access key id (or one key in two
    /// regions, which have separate quotas) are different credentials.
    /// </summary>
    public string Id { get; }

    /// <summary>The access key id as shown anywhere outside a silo: <c>AKIA…WXYZ</c>.</summary>
    public string MaskedAccessKeyId { get; }

    /// <summary>Which credentials share this one's account, and so its Bedrock quotas (see <see cref="AwsAccountIds"/>).</summary>
    public string? QuotaGroup { get; }

    /// <summary>The public identity of this credential.</summary>
    public CredentialDescriptor ToDescriptor(CredentialSource source) => new(Id, MaskedAccessKeyId, Region, source, QuotaGroup);

    /// <summary>Masks an access key id to its first and last four characters.</summary>
    public static string Mask(string accessKeyId) =>
        accessKeyId.Length <= 8 ? "…" : $"{accessKeyId[..4]}…{accessKeyId[^4..]}";

    /// <inheritdoc />
    public bool Equals(AwsCredential? other) => other is not null && Id == other.Id
        && AccessKeyId == other.AccessKeyId && SecretAccessKey == other.SecretAccessKey && Region == other.Region;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as AwsCredential);

    /// <inheritdoc />
    public override int GetHashCode() => Id.GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => $"{MaskedAccessKeyId} ({Region}, {Id})";

    private static string ComputeId(string accessKeyId, string secretAccessKey, string region)
    {
        // The secret carries ~240 random bits, so a truncated hash over it reveals nothing usable.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"orleans-proxy/credential/v1\n{accessKeyId}\n{secretAccessKey}\n{region}"));
        return Convert.ToHexStringLower(hash.AsSpan(0, 6));
    }
}
