using System.Security.Cryptography;
using System.Text;

namespace OrleansProxy.Credentials;

/// <summary>
/// Reads the AWS account an access key belongs to out of its access key id, without calling AWS. Bedrock's quotas
/// are per account, region and model, so keys of one account share them; the pool uses this to stop retrying a
/// throttled request on a sibling key that AWS will throttle too.
/// </summary>
/// <remarks>
/// The format is not documented by AWS, but it is stable and widely relied upon (security tooling reads it, and
/// <c>sts:GetAccessKeyInfo</c> returns the same account): after the 4-character type prefix (<c>AKIA</c> long-term,
/// <c>ASIA</c> temporary) come 16 base32 characters, 80 bits. Bit 0 of those marks a "new generation" key id; in
/// those, bits 1–40 are the account number. Older key ids (bit 0 clear, e.g. AWS's documentation example
/// <c>AKIAIOSFODNN7EXAMPLE</c>) do not carry the account, and anything that is not a 20-character
/// <c>AKIA</c>/<c>ASIA</c> id in the base32 alphabet yields none either: such keys simply share quota with nobody.
/// </remarks>
public static class AwsAccountIds
{
    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>The 12-digit account id encoded in <paramref name="accessKeyId"/>, or null when it carries none.</summary>
    public static string? TryDecode(string accessKeyId)
    {
        if (accessKeyId.Length != 20 || !(accessKeyId.StartsWith("AKIA", StringComparison.Ordinal)
            || accessKeyId.StartsWith("ASIA", StringComparison.Ordinal)))
        {
            return null;
        }

        // The first 45 bits after the prefix (9 characters) hold the generation bit and the 40-bit account.
        ulong bits = 0;
        for (var i = 4; i < 20; i++)
        {
            var value = Base32Alphabet.IndexOf(accessKeyId[i], StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }

            if (i < 13)
            {
                bits = (bits << 5) | (uint)value;
            }
        }

        var newGeneration = (bits >> 44) != 0;
        if (!newGeneration)
        {
            return null;
        }

        var account = (bits >> 4) & 0xFF_FFFF_FFFF;
        return account.ToString("D12", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The quota group of <paramref name="accessKeyId"/>: a short hash of its account id (not the id itself, which
    /// AWS asks to share carefully), or null when the key id does not encode an account.
    /// </summary>
    public static string? QuotaGroup(string accessKeyId) => TryDecode(accessKeyId) is { } account
        ? "acct-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("orleans-proxy/account/v1\n" + account)).AsSpan(0, 6))
        : null;
}
