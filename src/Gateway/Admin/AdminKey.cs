using Microsoft.Extensions.Options;
using OrleansProxy.Gateway.Auth;

namespace OrleansProxy.Gateway.Admin;

/// <summary>
/// The configured <c>ADMIN_KEY</c>, held only as a digest (see <see cref="KeyDigest"/>); the audit log names the
/// key by its fingerprint.
/// </summary>
public sealed class AdminKey(IOptions<AdminOptions> options)
{
    /// <summary>The header operators may send the key in (besides <c>Authorization: Bearer</c>).</summary>
    public const string HeaderName = "x-admin-key";

    private readonly KeyDigest _key = new(options.Value.AdminKey);

    /// <summary>Whether an admin key is configured; without one every admin endpoint is disabled.</summary>
    public bool IsConfigured => _key.IsConfigured;

    /// <summary>The first 8 hex digits of SHA-256(key): names the key in audit entries without revealing it.</summary>
    public string Fingerprint => _key.Fingerprint;

    /// <summary>Whether <paramref name="presented"/> is the admin key.</summary>
    public bool Matches(string presented) => _key.Matches(presented);

    /// <summary>The key a request presents as <c>x-admin-key</c> or <c>Authorization: Bearer</c>, if any.</summary>
    public static string? Presented(HttpRequest request) => KeyDigest.Presented(request, HeaderName);

    /// <summary>A keyed MAC over <paramref name="data"/>, for session tokens derived from the key.</summary>
    public byte[] Mac(string data) => _key.Mac(data);
}
