using System.Net.Http.Headers;
using System.Text;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace OrleansProxy.Testing.FakeBedrock.Tests.TestSupport;

/// <summary>
/// Sends requests to the fake signed by AWSSDK.Core's own SigV4 signer, the one the product uses,
/// so these tests prove the fake accepts exactly what AWS's SDK produces.
/// </summary>
internal sealed class BedrockClient(Uri baseUri, string accessKeyId, string secretAccessKey, string region) : IDisposable
{
    private readonly HttpClient _http = new();

    /// <summary>Signing time; null means now (system clock).</summary>
    public DateTime? SignedAt { get; set; }

    public string Service { get; set; } = "bedrock";

    public string SigningRegion { get; set; } = region;

    public string SecretAccessKey { get; set; } = secretAccessKey;

    public Task<HttpResponseMessage> InvokeAsync(string modelIdInPath, string body, bool stream = false, CancellationToken cancellationToken = default) =>
        SendAsync(SignedInvoke(modelIdInPath, body, stream), HttpCompletionOption.ResponseContentRead, cancellationToken);

    public Task<HttpResponseMessage> InvokeStreamingAsync(string modelIdInPath, string body, CancellationToken cancellationToken = default) =>
        SendAsync(SignedInvoke(modelIdInPath, body, stream: true), HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    public Task<HttpResponseMessage> GetLoggingConfigurationAsync() =>
        SendAsync(Signed(HttpMethod.Get, "/logging/modelinvocations", body: null), HttpCompletionOption.ResponseContentRead, default);

    public HttpRequestMessage SignedInvoke(string modelIdInPath, string body, bool stream) => Signed(
        HttpMethod.Post,
        $"/model/{modelIdInPath}/{(stream ? "invoke-with-response-stream" : "invoke")}",
        Encoding.UTF8.GetBytes(body));

    /// <summary>A request signed for <paramref name="body"/>; a test may swap the content afterwards to tamper with it.</summary>
    public HttpRequestMessage Signed(HttpMethod method, string pathAndQuery, byte[]? body)
    {
        var uri = new Uri(baseUri, pathAndQuery);
        var signing = new AWSSigningRequest { HttpMethod = method, RequestUri = uri, Content = body ?? [] };
        if (body is not null)
        {
            signing.Headers["content-type"] = "application/json";
        }

        var signed = AWSSigV4Signer.Sign(signing, new AWSSigV4Parameters
        {
            Credentials = new BasicAWSCredentials(accessKeyId, SecretAccessKey),
            Region = RegionEndpoint.GetBySystemName(SigningRegion),
            Service = Service,
            SignedAt = SignedAt,
        });

        var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        foreach (var (name, value) in signed.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken) =>
        _http.SendAsync(request, completion, cancellationToken);

    public void Dispose() => _http.Dispose();
}
