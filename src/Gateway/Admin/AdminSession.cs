using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace OrleansProxy.Gateway.Admin;

/// <summary>
/// The browser session for the Orleans Dashboard, which a browser loads by navigation and so cannot send a header.
/// The cookie holds an expiry and an HMAC over it keyed by the admin key: never the key itself, valid on every
/// gateway without shared state, and void once the key changes.
/// </summary>
public sealed class AdminSession(AdminKey key, IOptions<AdminOptions> options, TimeProvider time)
{
    /// <summary>The cookie's name.</summary>
    public const string CookieName = "orleans_proxy_admin";

    /// <summary>The cookie's path: only admin pages ever receive it.</summary>
    public const string CookiePath = "/admin";

    private const string Purpose = "orleans-proxy/admin-session/v1\n";

    /// <summary>A new token, valid for <see cref="AdminOptions.SessionLifetime"/>.</summary>
    public (string Token, DateTimeOffset Expires) Issue()
    {
        var expires = (time.GetUtcNow() + options.Value.SessionLifetime).ToUnixTimeSeconds();
        var seconds = expires.ToString(CultureInfo.InvariantCulture);
        return ($"{seconds}.{Convert.ToHexStringLower(key.Mac(Purpose + seconds))}", DateTimeOffset.FromUnixTimeSeconds(expires));
    }

    /// <summary>Whether <paramref name="token"/> was issued with the current key and has not expired.</summary>
    public bool IsValid(string? token)
    {
        if (!key.IsConfigured || string.IsNullOrEmpty(token) || token.Length > 128)
        {
            return false;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !long.TryParse(token.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (seconds <= now || seconds > now + (long)options.Value.SessionLifetime.TotalSeconds + 60)
        {
            return false;
        }

        var expected = key.Mac(Purpose + token[..dot]);
        var presented = new byte[expected.Length];
        return Convert.FromHexString(token.AsSpan(dot + 1), presented, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == expected.Length
            && CryptographicOperations.FixedTimeEquals(presented, expected);
    }

    /// <summary>Sets the cookie on the response: HttpOnly, SameSite=Strict, scoped to <see cref="CookiePath"/>.</summary>
    public void Append(HttpContext http)
    {
        var (token, expires) = Issue();
        http.Response.Cookies.Append(CookieName, token, Cookie(http, expires));
    }

    /// <summary>Clears the cookie.</summary>
    public static void Delete(HttpContext http) => http.Response.Cookies.Delete(CookieName, Cookie(http, null));

    private static CookieOptions Cookie(HttpContext http, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        Path = CookiePath,
        Expires = expires,
        IsEssential = true,
    };
}
