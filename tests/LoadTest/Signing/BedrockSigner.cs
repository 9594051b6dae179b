using System.Security.Cryptography;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace OrleansProxy.LoadTest.Signing;

/// <summary>
/// SigV4 for one fixed credential with AWSSDK.Core's public signer, signing the same headers the gateway signs
/// (content-type, accept, x-amz-content-sha256, and host from the URI).
/// </summary>
internal sealed class BedrockSigner(BenchCredential credential)
{
    private readonly BasicAWSCredentials _credentials = new(credential.AccessKeyId, credential.SecretAccessKey);
    private readonly RegionEndpoint _region = RegionEndpoint.GetBySystemName(credential.Region);

    /// <summary>Lower-case hex SHA-256 of a body, as <c>x-amz-content-sha256</c> wants it.</summary>
    public static string Sha256(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));

    /// <summary>The headers to add: Authorization, X-Amz-Date, X-Amz-Content-SHA256.</summary>
    public IDictionary<string, string> Sign(Uri uri, string accept, string payloadSha256)
    {
        var request = new AWSSigningRequest { HttpMethod = HttpMethod.Post, RequestUri = uri };
        request.Headers["content-type"] = "application/json";
        request.Headers["accept"] = accept;
        request.Headers["x-amz-content-sha256"] = payloadSha256;
        return AWSSigV4Signer.Sign(request, new AWSSigV4Parameters
        {
            Credentials = _credentials,
            Region = _region,
            Service = "bedrock",
            SignedAt = DateTime.UtcNow,
        }).Headers;
    }
}
