using System.Security.Cryptography;
using System.Text;

namespace OrleansProxy.Testing.FakeBedrock.Signing;

/// <summary>SigV4's key derivation (<c>AWS4</c>+secret → date → region → service → <c>aws4_request</c>) and final HMAC.</summary>
internal static class SigningKey
{
    public static string Signature(string secretAccessKey, string scopeDate, string region, string service, string stringToSign)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), Encoding.UTF8.GetBytes(scopeDate));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        key = HMACSHA256.HashData(key, "aws4_request"u8);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
