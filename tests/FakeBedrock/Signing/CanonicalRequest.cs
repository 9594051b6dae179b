using System.Text;
using Microsoft.AspNetCore.Http;

namespace OrleansProxy.Testing.FakeBedrock.Signing;

/// <summary>
/// Builds SigV4's canonical request from what arrived on the wire. The URI comes from the raw
/// request target, each segment encoded once more: non-S3 services double-encode, so a path
/// that arrived as <c>anthropic.claude-v2%3A1</c> is signed as <c>anthropic.claude-v2%253A1</c>
/// and a raw <c>:</c> as <c>%3A</c>. Decoding first (as <c>Request.Path</c> does) would accept
/// signatures real AWS rejects.
/// </summary>
internal static class CanonicalRequest
{
    public static string Build(
        string method,
        string rawTarget,
        IHeaderDictionary headers,
        IReadOnlyList<string> signedHeaderNames,
        string payloadSha256Hex)
    {
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        var query = queryStart < 0 ? "" : rawTarget[(queryStart + 1)..];

        var builder = new StringBuilder(256);
        builder.Append(method.ToUpperInvariant()).Append('\n');
        AppendUri(builder, path);
        builder.Append('\n');
        AppendQuery(builder, query);
        builder.Append('\n');
        foreach (var name in signedHeaderNames)
        {
            builder.Append(name).Append(':');
            AppendHeaderValue(builder, headers[name]);
            builder.Append('\n');
        }

        builder.Append('\n').AppendJoin(';', signedHeaderNames).Append('\n').Append(payloadSha256Hex);
        return builder.ToString();
    }

    private static void AppendUri(StringBuilder builder, string path)
    {
        if (path.Length == 0)
        {
            builder.Append('/');
            return;
        }

        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (i > 0)
            {
                builder.Append('/');
            }

            UriEncoding.Append(builder, segments[i]);
        }
    }

    // Parameters are decoded, encoded the SigV4 way, then sorted by name and value (ordinal).
    private static void AppendQuery(StringBuilder builder, string query)
    {
        if (query.Length == 0)
        {
            return;
        }

        var pairs = new List<(string Name, string Value)>();
        foreach (var parameter in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? parameter : parameter[..equals];
            var value = equals < 0 ? "" : parameter[(equals + 1)..];
            pairs.Add((UriEncoding.Encode(Uri.UnescapeDataString(name)), UriEncoding.Encode(Uri.UnescapeDataString(value))));
        }

        pairs.Sort((a, b) =>
        {
            var byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });
        builder.AppendJoin('&', pairs.Select(p => p.Name + "=" + p.Value));
    }

    // Repeated headers join with commas; each value is trimmed and inner runs of spaces collapse to one.
    private static void AppendHeaderValue(StringBuilder builder, Microsoft.Extensions.Primitives.StringValues values)
    {
        for (var v = 0; v < values.Count; v++)
        {
            if (v > 0)
            {
                builder.Append(',');
            }

            var value = (values[v] ?? "").AsSpan().Trim();
            var previousWasSpace = false;
            foreach (var c in value)
            {
                var isSpace = c is ' ' or '\t';
                if (!isSpace || !previousWasSpace)
                {
                    builder.Append(isSpace ? ' ' : c);
                }

                previousWasSpace = isSpace;
            }
        }
    }
}
