using System.Text;

namespace OrleansProxy.Testing.FakeBedrock.Signing;

/// <summary>SigV4's URI encoding: every UTF-8 byte except the RFC 3986 unreserved set becomes <c>%XX</c> (upper-case hex).</summary>
internal static class UriEncoding
{
    public static void Append(StringBuilder target, string value)
    {
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (IsUnreserved(c))
            {
                target.Append(c);
                continue;
            }

            var length = char.IsHighSurrogate(c) && i + 1 < value.Length
                ? Encoding.UTF8.GetBytes(value.AsSpan(i++, 2), utf8)
                : Encoding.UTF8.GetBytes(value.AsSpan(i, 1), utf8);
            foreach (var b in utf8[..length])
            {
                target.Append('%').Append(HexUpper[b >> 4]).Append(HexUpper[b & 0xF]);
            }
        }
    }

    public static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length + 8);
        Append(builder, value);
        return builder.ToString();
    }

    private static bool IsUnreserved(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';

    private const string HexUpper = "0123456789ABCDEF";
}
