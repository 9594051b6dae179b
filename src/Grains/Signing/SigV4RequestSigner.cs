using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using OrleansProxy.Credentials;

namespace OrleansProxy.Signing;

/// <summary>
/// Signs request descriptions with AWSSDK.Core's SigV4 signer for service <c>bedrock</c> (the runtime and the
/// control plane both sign as <c>bedrock</c>). The body never reaches the silo: its SHA-256 is signed as given.
/// </summary>
public static class SigV4RequestSigner
{
    /// <summary>The SigV4 service name of both Bedrock endpoints.</summary>
    public const string Service = "bedrock";

    /// <summary>SHA-256 of an empty body, for GET requests.</summary>
    public const string EmptyPayloadSha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>Returns the headers to add: Authorization, X-Amz-Date, X-Amz-Content-SHA256.</summary>
    public static IReadOnlyDictionary<string, string> Sign(
        AwsCredential credential,
        string method,
        Uri uri,
        IReadOnlyDictionary<string, string> headers,
        string payloadSha256,
        DateTimeOffset signedAt)
    {
        var request = new AWSSigningRequest
        {
            HttpMethod = new HttpMethod(method),
            RequestUri = uri,
        };
        foreach (var (name, value) in headers)
        {
            request.Headers[name] = value;
        }

        request.Headers["x-amz-content-sha256"] = payloadSha256;

        var result = AWSSigV4Signer.Sign(request, new AWSSigV4Parameters
        {
            Credentials = new BasicAWSCredentials(credential.AccessKeyId, credential.SecretAccessKey),
            Region = RegionEndpoint.GetBySystemName(credential.Region),
            Service = Service,
            SignedAt = signedAt.UtcDateTime,
        });

        return result.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
    }
}
