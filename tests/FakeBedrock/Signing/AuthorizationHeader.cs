using OrleansProxy.Testing.FakeBedrock.Errors;

namespace OrleansProxy.Testing.FakeBedrock.Signing;

/// <summary>
/// The parts of <c>Authorization: AWS4-HMAC-SHA256 Credential=AKID/yyyymmdd/region/service/aws4_request,
/// SignedHeaders=a;b, Signature=hex</c>.
/// </summary>
internal sealed record AuthorizationHeader(
    string AccessKeyId,
    string ScopeDate,
    string Region,
    string Service,
    string Terminator,
    string[] SignedHeaderNames,
    string Signature)
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    public string Scope => $"{ScopeDate}/{Region}/{Service}/{Terminator}";

    public static AuthorizationHeader? TryParse(string value, out AwsError? error)
    {
        error = null;
        if (!value.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            var algorithm = value.Split(' ', 2)[0];
            error = AwsErrors.IncompleteSignature($"Unsupported AWS 'algorithm': '{algorithm}'.");
            return null;
        }

        string? credential = null, signedHeaders = null, signature = null;
        foreach (var part in value[(Algorithm.Length + 1)..].Split(','))
        {
            var pair = part.Trim();
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                error = AwsErrors.IncompleteSignature(
                    $"'{pair}' not a valid key=value pair (missing equal-sign) in Authorization header: '{value}'.");
                return null;
            }

            var content = pair[(equals + 1)..];
            switch (pair[..equals])
            {
                case "Credential": credential = content; break;
                case "SignedHeaders": signedHeaders = content; break;
                case "Signature": signature = content; break;
            }
        }

        var missing = (credential is null ? "Authorization header requires 'Credential' parameter. " : "")
            + (signature is null ? "Authorization header requires 'Signature' parameter. " : "")
            + (signedHeaders is null ? "Authorization header requires 'SignedHeaders' parameter. " : "");
        if (missing.Length > 0)
        {
            error = AwsErrors.IncompleteSignature($"{missing}Authorization={value}");
            return null;
        }

        var scope = credential!.Split('/');
        if (scope.Length != 5)
        {
            error = AwsErrors.IncompleteSignature(
                $"Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '{credential}'");
            return null;
        }

        return new AuthorizationHeader(scope[0], scope[1], scope[2], scope[3], scope[4], signedHeaders!.Split(';'), signature!);
    }
}
