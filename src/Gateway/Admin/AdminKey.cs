using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace OrleansProxy.Gateway.Admin;

/// <summary>
/// The configured <c>ADMIN_KEY</c>, held only as a SHA-256 digest. Presented keys are compared in constant time on
/// digests, so neither content nor length leaks; the audit log names the key by its fingerprint.
/// </summary>
public sealed class AdminKey
{
    /// <summary>The header operators may send the key in (besides <c>Authorization: Bearer</c>).</summary>
    public const string HeaderName = "x-admin-key";

    private readonly byte[]? _digest;

    /// <summary>Reads the key from the options.</summary>
    public AdminKey(IOptions<AdminOptions> options)
    {
        if (options.Value.AdminKey is { Length: > 0 } key)
        {
            _digest = Digest(key);
            Fingerprint = Convert.ToHexStringLower(_digest.AsSpan(0, 4));
        }
    }

    /// <summary>Whether an admin key is configured; without one every admin endpoint is disabled.</summary>
    public bool IsConfigured => _digest is not null;

    /// <summary>The first 8 hex digits of SHA-256(key): names the key in audit entries without revealing it.</summary>
    public string Fingerprint { get; } = "none";

    /// <summary>Whether <paramref name="presented"/> is the admin key.</summary>
    public bool Matches(string presented) =>
        _digest is not null && CryptographicOperations.FixedTimeEquals(Digest(presented), _digest);

    /// <summary>The key a request presents as <c>x-admin-key</c> or <c>Authorization: Bearer</c>, if any.</summary>
    public static string? Presented(HttpRequest request)
    {
        var presented = request.Headers[HeaderName].ToString();
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

    /// <summary>A keyed MAC over <paramref name="data"/>, for session tokens derived from the key.</summary>
    public byte[] Mac(string data) => HMACSHA256.HashData(
        _digest ?? throw new InvalidOperationException("ADMIN_KEY is not configured."), Encoding.UTF8.GetBytes(data));

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
