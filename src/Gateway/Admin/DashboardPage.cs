using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace OrleansProxy.Gateway.Admin;

/// <summary>
/// The ops dashboard: one self-contained HTML page (inline CSS and JS, embedded in the assembly). It is served with a
/// Content-Security-Policy that allows only its own inline script and style (by hash) and requests to this origin,
/// so even a value that slipped past its escaping could not run script.
/// </summary>
public static partial class DashboardPage
{
    private const string ResourceName = "OrleansProxy.Gateway.Admin.Dashboard.dashboard.html";

    private static readonly Lazy<(byte[] Html, string Policy)> Page = new(Load);

    /// <summary>The page's HTML (UTF-8).</summary>
    public static byte[] Html => Page.Value.Html;

    /// <summary>The Content-Security-Policy the page is served with.</summary>
    public static string ContentSecurityPolicy => Page.Value.Policy;

    /// <summary>Serves the page; never cached, never framed.</summary>
    public static IResult Serve(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        return Results.Bytes(Html, "text/html; charset=utf-8");
    }

    private static (byte[] Html, string Policy) Load()
    {
        using var stream = typeof(DashboardPage).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The dashboard resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var html = reader.ReadToEnd();
        var policy = "default-src 'none'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; "
            + $"script-src {Hashes(ScriptPattern(), html)}; style-src {Hashes(StylePattern(), html)}";
        return (Encoding.UTF8.GetBytes(html), policy);
    }

    private static string Hashes(Regex pattern, string html) => string.Join(' ', pattern.Matches(html)
        .Select(m => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups[1].Value)))}'"));

    [GeneratedRegex("<script>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ScriptPattern();

    [GeneratedRegex("<style>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StylePattern();
}
