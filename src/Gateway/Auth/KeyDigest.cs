using System.Security.Cryptography;
using System.Text;

namespace OrleansProxy.Gateway.Auth;

/// <summary>
/// A shared key (<c>PROXY_KEY</c>, <c>ADMIN_KEY</c>) held only as its SHA-256 digest. Presented keys are compared in
/// constant time on digests, so neither content nor length leaks; the key can be named by a fingerprint.
/// </summary>
public sealed class KeyDigest
{
    private readonly byte[]? _digest;

    /// <summary>Digests <paramref name="key"/>; null or empty means no key is configured.</summary>
    public KeyDigest(string? key)
    {
        if (key is { Length: > 0 })
        {
            _digest = Digest(key);
            Fingerprint = Convert.ToHexStringLower(_digest.AsSpan(0, 4));
        }
    }

    /// <summary>Whether a key is configured.</summary>
    public bool IsConfigured => _digest is not null;

    /// <summary>The first 8 hex digits of SHA-256(key), or <c>none</c>.</summary>
    public string Fingerprint { get; } = "none";

    /// <summary>Whether <paramref name="presented"/> is the key.</summary>
    public bool Matches(string? presented) =>
        _digest is not null && presented is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(Digest(presented), _digest);

    /// <summary>A MAC over <paramref name="data"/> keyed by the digest, for tokens derived from the key.</summary>
    public byte[] Mac(string data) => HMACSHA256.HashData(
        _digest ?? throw new InvalidOperationException("No key is configured."), Encoding.UTF8.GetBytes(data));

    /// <summary>The key a request presents in <paramref name="headerName"/> or as <c>Authorization: Bearer</c>, if any.</summary>
    public static string? Presented(HttpRequest request, string headerName)
    {
        var presented = request.Headers[headerName].ToString();
        if (presented.Length == 0)
        {
            var authorization = request.Headers.Authorization.ToString();
            if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                presented = authorization["Bearer ".Length..].Trim();
            }
        }

        return presented.Length > 0 ? presented : null;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
