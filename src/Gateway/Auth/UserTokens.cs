using System.Security.Cryptography;
using System.Text;

namespace OrleansProxy.Gateway.Auth;

/// <summary>
/// User tokens: 256 random bits, shown once at creation and kept only as their SHA-256. A plain hash is enough for
/// tokens this long (no dictionary reaches them), and it lets any gateway find the user without a shared secret.
/// </summary>
public static class UserTokens
{
    private static readonly System.Buffers.SearchValues<char> Hex = System.Buffers.SearchValues.Create("0123456789abcdef");

    /// <summary>What every user token starts with, so leaked tokens are recognisable by secret scanners.</summary>
    public const string Prefix = "opx-";

    /// <summary>A new token.</summary>
    public static string Generate() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>A new user id (<c>usr_</c> and 16 hex digits): not secret, unguessable enough not to enumerate.</summary>
    public static string NewUserId() => "usr_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>SHA-256 of <paramref name="token"/>, lower-case hex.</summary>
    public static string Hash(string token)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>Whether <paramref name="id"/> has the shape of a user id (checked before it names a grain).</summary>
    public static bool IsUserId(string? id) =>
        id is { Length: 20 } && id.StartsWith("usr_", StringComparison.Ordinal) && id.AsSpan(4).IndexOfAnyExcept(Hex) < 0;

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
