using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using OrleansProxy.Testing.FakeBedrock.Signing;

namespace OrleansProxy.Testing.FakeBedrock.Tests.Signing;

/// <summary>
/// The verifier against AWS's published SigV4 test suite (aws-sig-v4-test-suite): credentials
/// AKIDEXAMPLE / wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, us-east-1, service "service",
/// 20150830T123600Z. Each expected signature is the suite's, not one this code computed.
/// </summary>
public sealed class SigV4TestSuiteTests
{
    private const string AccessKeyId = "AKIDEXAMPLE";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static readonly DateTimeOffset SuiteTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    public static TheoryData<string, string, string, string, string> Vectors => new()
    {
        // name, method, raw target, extra headers ("Name: value" lines), signature
        { "get-vanilla", "GET", "/", "", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31" },
        { "post-vanilla", "POST", "/", "", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b" },
        { "get-vanilla-query-order-key-case", "GET", "/?Param2=value2&Param1=value1", "", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500" },
        { "post-header-value-case", "POST", "/", "My-Header1: VALUE1", "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d" },
        { "get-header-value-trim", "GET", "/", "My-Header1:  value1\nMy-Header2:  \"a   b   c\"", "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736" },
        { "get-unreserved", "GET", "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", "", "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f" },
        { "get-utf8", "GET", "/\u1234", "", "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85" },
        { "get-space", "GET", "/example space/", "", "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Verify_AwsTestSuiteVector_Accepted(string name, string method, string rawTarget, string extraHeaders, string signature)
    {
        var headers = SuiteHeaders(extraHeaders, signature);

        var result = Verifier().Verify(method, rawTarget, headers, EmptySha256);

        Assert.True(result.IsValid, $"{name}: {result.Error?.Message}");
        Assert.Equal(AccessKeyId, result.AccessKeyId);
        Assert.Equal("us-east-1", result.ScopeRegion);
    }

    [Fact]
    public void Verify_GetVanillaWithAnotherSecret_SignatureMismatch()
    {
        var verifier = new SigV4Verifier("service", _ => new SigningCredential("not-the-secret", "us-east-1"), Clock(), TimeSpan.FromMinutes(15));

        var result = verifier.Verify("GET", "/", SuiteHeaders("", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"), EmptySha256);

        Assert.Equal("InvalidSignatureException", result.Error?.Type);
        Assert.StartsWith("The request signature we calculated does not match", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_GetVanillaWithAChangedPath_SignatureMismatch()
    {
        var result = Verifier().Verify("GET", "/other", SuiteHeaders("", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"), EmptySha256);

        Assert.Equal("InvalidSignatureException", result.Error?.Type);
    }

    [Fact]
    public void CanonicalRequest_GetVanilla_MatchesTheSuitesCreq()
    {
        var headers = SuiteHeaders("", "unused");

        var canonical = CanonicalRequest.Build("GET", "/", headers, ["host", "x-amz-date"], EmptySha256);

        Assert.Equal("GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" + EmptySha256, canonical);
    }

    [Theory]
    [InlineData("/model/anthropic.claude-v2%3A1/invoke", "/model/anthropic.claude-v2%253A1/invoke")]
    [InlineData("/model/anthropic.claude-v2:1/invoke", "/model/anthropic.claude-v2%3A1/invoke")]
    [InlineData("/model/us.anthropic.claude-sonnet-4-20250514-v1%3A0/invoke-with-response-stream", "/model/us.anthropic.claude-sonnet-4-20250514-v1%253A0/invoke-with-response-stream")]
    public void CanonicalRequest_BedrockModelPath_EncodesTheRawPathAgain(string rawTarget, string canonicalUri)
    {
        var canonical = CanonicalRequest.Build("POST", rawTarget, SuiteHeaders("", "unused"), ["host"], EmptySha256);

        Assert.Equal(canonicalUri, canonical.Split('\n')[1]);
    }

    private static SigV4Verifier Verifier() =>
        new("service", key => key == AccessKeyId ? new SigningCredential(Secret, "us-east-1") : null, Clock(), TimeSpan.FromMinutes(15));

    private static FakeTimeProvider Clock() => new(SuiteTime);

    private static HeaderDictionary SuiteHeaders(string extraHeaders, string signature)
    {
        var headers = new HeaderDictionary
        {
            ["Host"] = "example.amazonaws.com",
            ["X-Amz-Date"] = "20150830T123600Z",
        };
        var signed = new List<string> { "host", "x-amz-date" };
        foreach (var line in extraHeaders.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon]] = line[(colon + 1)..];
            signed.Add(line[..colon].ToLowerInvariant());
        }

        signed.Sort(StringComparer.Ordinal);
        headers["Authorization"] =
            $"AWS4-HMAC-SHA256 Credential={AccessKeyId}/20150830/us-east-1/service/aws4_request, SignedHeaders={string.Join(';', signed)}, Signature={signature}";
        return headers;
    }
}
