using System.Net;
using Microsoft.Extensions.Time.Testing;
using OrleansProxy.Testing.FakeBedrock.Tests.TestSupport;

namespace OrleansProxy.Testing.FakeBedrock.Tests.Signing;

/// <summary>Requests signed by AWSSDK.Core's signer, over HTTP: what AWS accepts is accepted, what it refuses is refused.</summary>
public sealed class SignedRequestTests : FakeBedrockTest
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);

    protected override FakeBedrockOptions Options => new() { Time = _time };

    [Theory]
    [InlineData(Bodies.Claude3HaikuInPath, false)]
    [InlineData(Bodies.Claude3Haiku, false)]
    [InlineData(Bodies.Claude3HaikuInPath, true)]
    [InlineData(Bodies.Claude3Haiku, true)]
    public async Task Invoke_SignedByAwsSdk_Accepted(string modelIdInPath, bool stream)
    {
        var client = SignedNow(Us());

        using var response = await client.InvokeAsync(modelIdInPath, Bodies.Messages(), stream);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var recorded = Assert.Single(Server.Requests);
        Assert.Equal(UsKey, recorded.AccessKeyId);
        Assert.Equal(Bodies.Claude3Haiku, recorded.ModelId);
        Assert.Equal($"/model/{modelIdInPath}/{(stream ? "invoke-with-response-stream" : "invoke")}", recorded.RawPath);
    }

    [Fact]
    public async Task GetLoggingConfiguration_SignedByAwsSdk_Accepted()
    {
        using var response = await SignedNow(Us()).GetLoggingConfigurationAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Invoke_WrongSecret_InvalidSignature()
    {
        var client = SignedNow(Us());
        client.SecretAccessKey = EuSecret;

        using var response = await client.InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages());

        await AwsErrorAssert.IsAsync(response, HttpStatusCode.Forbidden, "InvalidSignatureException",
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        Assert.Equal(UsKey, Assert.Single(Server.Requests).AccessKeyId);
    }

    [Fact]
    public async Task Invoke_ScopedToAnotherRegion_InvalidSignature()
    {
        var client = SignedNow(Us());
        client.SigningRegion = "eu-west-1";

        using var response = await client.InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages());

        await AwsErrorAssert.IsAsync(response, HttpStatusCode.Forbidden, "InvalidSignatureException",
            "Credential should be scoped to a valid region, not 'eu-west-1'.");
        Assert.Equal("eu-west-1", Assert.Single(Server.Requests).Region);
    }

    [Fact]
    public async Task Invoke_ScopedToAnotherService_InvalidSignature()
    {
        var client = SignedNow(Us());
        client.Service = "bedrock-runtime";

        using var response = await client.InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages());

        await AwsErrorAssert.IsAsync(response, HttpStatusCode.Forbidden, "InvalidSignatureException",
            "Credential should be scoped to correct service: 'bedrock'.");
    }

    [Fact]
    public async Task Invoke_BodyChangedAfterSigning_Rejected()
    {
        var client = SignedNow(Us());
        using var request = client.SignedInvoke(Bodies.Claude3HaikuInPath, Bodies.Messages("signed text"), stream: false);
        request.Content = new StringContent(Bodies.Messages("other text!"), System.Text.Encoding.UTF8, "application/json");
        request.Content.Headers.ContentType = new("application/json");

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, default);

        await AwsErrorAssert.IsAsync(response, HttpStatusCode.Forbidden, "InvalidSignatureException",
            "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }

    [Fact]
    public async Task Invoke_BodyChangedWithoutContentHashHeader_SignatureMismatch()
    {
        var client = SignedNow(Us());
        using var request = client.SignedInvoke(Bodies.Claude3HaikuInPath, Bodies.Messages("signed text"), stream: false);
        request.Headers.Remove("X-Amz-Content-SHA256");
        request.Content = new StringContent(Bodies.Messages("other text!"));
        request.Content.Headers.ContentType = new("application/json");

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, default);

        // x-amz-content-sha256 was signed, so its absence is reported before the signature is even computed.
        await AwsErrorAssert.IsAsync(response, HttpStatusCode.Forbidden, "IncompleteSignatureException",
            "'x-amz-content-sha256' is named as a SignedHeader, but it does not exist in the HTTP request.");
    }

    [Fact]
    public async Task Invoke_SignedForARawColonButSentEncoded_SignatureMismatch()
    {
        var client = SignedNow(Us());
        using var request = client.SignedInvoke(Bodies.Claude3Haiku, Bodies.Messages(), stream: false);
        request.RequestUri = new Uri(Server.BaseUri, $"/model/{Bodies.Claude3HaikuInPath}/invoke");

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, default);

        // AWS signs the path as sent: the two spellings of the same id are different canonical URIs.
        await AwsErrorAssert.IsAsync(response, HttpStatusCode.Forbidden, "InvalidSignatureException");
    }

    [Fact]
    public async Task Invoke_SignedLongerAgoThanTheSkew_SignatureExpired()
    {
        var client = Us();
        client.SignedAt = Now.UtcDateTime.AddMinutes(-16);

        using var response = await client.InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages());

        await AwsErrorAssert.IsAsync(response, HttpStatusCode.Forbidden, "InvalidSignatureException",
            "Signature expired: 20261125T114400Z is now earlier than 20261125T114500Z (20261125T120000Z - 15 min.)");
    }

    [Fact]
    public async Task Invoke_SignedFurtherAheadThanTheSkew_SignatureNotYetCurrent()
    {
        var client = Us();
        client.SignedAt = Now.UtcDateTime.AddMinutes(16);

        using var response = await client.InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages());

        await AwsErrorAssert.IsAsync(response, HttpStatusCode.Forbidden, "InvalidSignatureException",
            "Signature not yet current: 20261125T121600Z is still later than 20261125T121500Z (20261125T120000Z + 15 min.)");
    }

    [Fact]
    public async Task Invoke_SignedWithinTheSkew_Accepted()
    {
        var client = Us();
        client.SignedAt = Now.UtcDateTime.AddMinutes(-14);

        using var response = await client.InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Invoke_ClockMovesOnAfterSigning_SameRequestExpires()
    {
        var client = SignedNow(Us());
        using var first = await client.InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages());
        _time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));

        using var second = await client.InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AwsErrorAssert.IsAsync(second, HttpStatusCode.Forbidden, "InvalidSignatureException");
    }

    [Fact]
    public async Task Invoke_UnknownKey_UnrecognizedClient()
    {
        var client = SignedNow(Client("AKIAUNKNOWN0000000", "whatever", "us-east-1"));

        using var response = await client.InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages());

        await AwsErrorAssert.IsAsync(response, HttpStatusCode.Forbidden, "UnrecognizedClientException",
            "The security token included in the request is invalid.");
        Assert.Null(Assert.Single(Server.Requests).AccessKeyId);
    }

    [Fact]
    public async Task Invoke_NoAuthorization_MissingAuthenticationToken()
    {
        using var http = new HttpClient();

        using var response = await http.PostAsync(new Uri(Server.BaseUri, $"/model/{Bodies.Claude3HaikuInPath}/invoke"), new StringContent(Bodies.Messages()));

        await AwsErrorAssert.IsAsync(response, HttpStatusCode.Forbidden, "MissingAuthenticationTokenException", "Missing Authentication Token");
    }

    [Fact]
    public async Task Invoke_MalformedAuthorization_IncompleteSignature()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Server.BaseUri, $"/model/{Bodies.Claude3HaikuInPath}/invoke"))
        {
            Content = new StringContent(Bodies.Messages()),
        };
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={UsKey}/20261125/us-east-1/bedrock/aws4_request");

        using var response = await http.SendAsync(request);

        var message = await AwsErrorAssert.IsAsync(response, HttpStatusCode.Forbidden, "IncompleteSignatureException");
        Assert.StartsWith("Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter.", message, StringComparison.Ordinal);
    }

    private BedrockClient SignedNow(BedrockClient client)
    {
        client.SignedAt = _time.GetUtcNow().UtcDateTime;
        return client;
    }
}
