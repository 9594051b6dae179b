using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using OrleansProxy.Testing.FakeBedrock.Errors;

namespace OrleansProxy.Testing.FakeBedrock.Signing;

/// <summary>
/// An independent SigV4 header-signature check, written from AWS's specification rather than by
/// re-signing with AWSSDK: the product signs with AWSSDK, so only an independent implementation
/// can catch the product signing the wrong thing. Checks run in the order AWS reports them.
/// </summary>
public sealed class SigV4Verifier(
    string service,
    Func<string, SigningCredential?> findCredential,
    TimeProvider time,
    TimeSpan maxClockSkew)
{
    private const string AmzDateFormat = "yyyyMMdd'T'HHmmss'Z'";

    public SigV4Result Verify(string method, string rawTarget, IHeaderDictionary headers, string payloadSha256Hex)
    {
        var authorization = headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            return new SigV4Result(null, null, AwsErrors.MissingAuthenticationToken());
        }

        var auth = AuthorizationHeader.TryParse(authorization, out var parseError);
        if (auth is null)
        {
            return new SigV4Result(null, null, parseError);
        }

        var error = CheckScope(auth, out var credential)
            ?? CheckDate(auth, headers, authorization)
            ?? CheckSignedHeaders(auth, headers)
            ?? CheckPayloadHash(headers, payloadSha256Hex)
            ?? CheckSignature(auth, credential!, method, rawTarget, headers, payloadSha256Hex);
        return new SigV4Result(auth.AccessKeyId, auth.Region, error);
    }

    private AwsError? CheckScope(AuthorizationHeader auth, out SigningCredential? credential)
    {
        credential = null;
        if (auth.Terminator != "aws4_request")
        {
            return AwsErrors.InvalidSignature(
                $"Credential should be scoped with a valid terminator: 'aws4_request', not '{auth.Terminator}'.");
        }

        if (auth.Service != service)
        {
            return AwsErrors.InvalidSignature($"Credential should be scoped to correct service: '{service}'.");
        }

        credential = findCredential(auth.AccessKeyId);
        if (credential is null)
        {
            return AwsErrors.UnrecognizedClient();
        }

        return auth.Region == credential.Region
            ? null
            : AwsErrors.InvalidSignature($"Credential should be scoped to a valid region, not '{auth.Region}'.");
    }

    private AwsError? CheckDate(AuthorizationHeader auth, IHeaderDictionary headers, string authorization)
    {
        var amzDate = headers["x-amz-date"].ToString();
        if (amzDate.Length == 0)
        {
            return AwsErrors.IncompleteSignature(
                $"Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization={authorization}");
        }

        if (!DateTimeOffset.TryParseExact(amzDate, AmzDateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            return AwsErrors.IncompleteSignature(
                $"Date must be in ISO-8601 'basic format'. Got '{amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601");
        }

        if (auth.ScopeDate != amzDate[..8])
        {
            return AwsErrors.InvalidSignature(
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: " +
                $"'{auth.ScopeDate}' != '{amzDate[..8]}', from '{amzDate}'.");
        }

        var now = time.GetUtcNow();
        var minutes = maxClockSkew.TotalMinutes.ToString(CultureInfo.InvariantCulture);
        if (signedAt < now - maxClockSkew)
        {
            return AwsErrors.InvalidSignature(
                $"Signature expired: {amzDate} is now earlier than {Format(now - maxClockSkew)} ({Format(now)} - {minutes} min.)");
        }

        if (signedAt > now + maxClockSkew)
        {
            return AwsErrors.InvalidSignature(
                $"Signature not yet current: {amzDate} is still later than {Format(now + maxClockSkew)} ({Format(now)} + {minutes} min.)");
        }

        return null;
    }

    private static AwsError? CheckSignedHeaders(AuthorizationHeader auth, IHeaderDictionary headers)
    {
        var names = auth.SignedHeaderNames;
        if (!names.Contains("host"))
        {
            return AwsErrors.IncompleteSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }

        if (!names.Contains("x-amz-date"))
        {
            return AwsErrors.IncompleteSignature("'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.");
        }

        var absent = names.FirstOrDefault(name => !headers.ContainsKey(name));
        return absent is null
            ? null
            : AwsErrors.IncompleteSignature($"'{absent}' is named as a SignedHeader, but it does not exist in the HTTP request.");
    }

    // A stated body hash that does not match the body means the body changed after signing.
    private static AwsError? CheckPayloadHash(IHeaderDictionary headers, string payloadSha256Hex)
    {
        var stated = headers["x-amz-content-sha256"].ToString();
        return stated.Length == 0 || string.Equals(stated, payloadSha256Hex, StringComparison.OrdinalIgnoreCase)
            ? null
            : AwsErrors.InvalidSignature("The provided 'x-amz-content-sha256' header does not match what was computed.");
    }

    private AwsError? CheckSignature(
        AuthorizationHeader auth,
        SigningCredential credential,
        string method,
        string rawTarget,
        IHeaderDictionary headers,
        string payloadSha256Hex)
    {
        var canonical = CanonicalRequest.Build(method, rawTarget, headers, auth.SignedHeaderNames, payloadSha256Hex);
        var stringToSign = $"{AuthorizationHeader.Algorithm}\n{headers["x-amz-date"]}\n{auth.Scope}\n{SigningKey.Sha256Hex(canonical)}";
        var expected = SigningKey.Signature(credential.SecretAccessKey, auth.ScopeDate, auth.Region, service, stringToSign);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(auth.Signature))
            ? null
            : AwsErrors.SignatureMismatch();
    }

    private static string Format(DateTimeOffset value) => value.UtcDateTime.ToString(AmzDateFormat, CultureInfo.InvariantCulture);
}
