using System.Net;
using System.Security.Cryptography;
using System.Text;
using OrleansProxy.Bedrock;
using OrleansProxy.Credentials;

namespace OrleansProxy.Cluster.Tests;

[Collection(ClusterCollection.Name)]
public sealed class SigningTests(ProxyClusterFixture fixture) : IAsyncLifetime
{
    private static readonly HttpClient Http = new();

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<HttpResponseMessage> SendSignedAsync(AwsCredential credential, string modelId, string body)
    {
        var endpoints = new BedrockEndpoints(fixture.Bedrock.BaseUri, fixture.Bedrock.BaseUri);
        var uri = endpoints.InvokeUri(credential.Region, modelId, stream: false);
        var bytes = Encoding.UTF8.GetBytes(body);
        var headers = new Dictionary<string, string> { ["content-type"] = "application/json", ["accept"] = "application/json" };
        var signed = await fixture.Credential(credential).SignAsync(
            new SigningRequest(Guid.NewGuid(), "POST", uri, headers, Convert.ToHexStringLower(SHA256.HashData(bytes))));

        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Accept.ParseAdd("application/json");
        foreach (var (name, value) in signed.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await Http.SendAsync(request);
    }

    [Theory]
    [InlineData("anthropic.claude-v2:1")]
    [InlineData("anthropic.claude-3-haiku-20240307-v1:0")]
    [InlineData("us.anthropic.claude-sonnet-4-20250514-v1:0")]
    public async Task Sign_RequestSignedByTheGrain_IsAcceptedByBedrock(string modelId)
    {
        var credential = fixture.NewCredential();
        await fixture.RegisterAsync(credential);

        using var response = await SendSignedAsync(credential, modelId,
            """{"anthropic_version":"bedrock-2023-05-31","max_tokens":20,"messages":[{"role":"user","content":"Hello"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(credential.AccessKeyId, fixture.Bedrock.Requests.Last(r => r.ModelId == modelId).AccessKeyId);
    }

    [Fact]
    public async Task Sign_WithTheWrongSecret_IsRejected()
    {
        var credential = fixture.NewCredential(siloSecret: "a-secret-aws-does-not-know");
        await fixture.RegisterAsync(credential);

        using var response = await SendSignedAsync(credential, "anthropic.claude-v2", "{}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.StartsWith("InvalidSignatureException", response.Headers.GetValues("x-amzn-ErrorType").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_ForTheWrongRegion_IsRejected()
    {
        var credential = fixture.NewCredential(region: "us-east-1", siloRegion: "us-west-2");
        await fixture.RegisterAsync(credential);

        using var response = await SendSignedAsync(credential, "anthropic.claude-v2", "{}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.StartsWith("InvalidSignatureException", response.Headers.GetValues("x-amzn-ErrorType").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_ReturnsOnlySigV4Headers_NeverTheSecret()
    {
        var credential = fixture.NewCredential();
        await fixture.RegisterAsync(credential);

        var signed = await fixture.Credential(credential).SignAsync(new SigningRequest(
            Guid.NewGuid(), "GET", fixture.Bedrock.BaseUri + "logging/modelinvocations", new Dictionary<string, string>(),
            Signing.SigV4RequestSigner.EmptyPayloadSha256));

        Assert.Equal(["Authorization", "X-Amz-Content-SHA256", "X-Amz-Date"],
            signed.Headers.Keys.Select(k => k.ToLowerInvariant() switch
            {
                "authorization" => "Authorization",
                "x-amz-content-sha256" => "X-Amz-Content-SHA256",
                "x-amz-date" => "X-Amz-Date",
                _ => k,
            }).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(signed.Headers.Values, v => v.Contains(credential.SecretAccessKey, StringComparison.Ordinal));
        Assert.StartsWith($"AWS4-HMAC-SHA256 Credential={credential.AccessKeyId}/", signed.Headers.Single(h => h.Key.Equals("authorization", StringComparison.OrdinalIgnoreCase)).Value, StringComparison.Ordinal);
    }
}
