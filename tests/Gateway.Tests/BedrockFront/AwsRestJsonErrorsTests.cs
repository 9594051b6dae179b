using System.Text;
using System.Text.Json;
using Amazon.Runtime.EventStreams;
using Amazon.Runtime.EventStreams.Internal;
using OrleansProxy.Bedrock;
using OrleansProxy.Gateway.BedrockFront;
using OrleansProxy.Gateway.Errors;

namespace OrleansProxy.Gateway.Tests.BedrockFront;

public sealed class AwsRestJsonErrorsTests
{
    [Theory]
    [InlineData(400, ErrorTypes.InvalidRequest, 400, "ValidationException")]
    [InlineData(413, "request_too_large", 400, "ValidationException")]
    [InlineData(401, ErrorTypes.Authentication, 403, "UnrecognizedClientException")]
    [InlineData(403, ErrorTypes.Permission, 403, "AccessDeniedException")]
    [InlineData(404, ErrorTypes.NotFound, 404, "ResourceNotFoundException")]
    [InlineData(429, ErrorTypes.RateLimit, 429, "ThrottlingException")]
    [InlineData(529, ErrorTypes.Overloaded, 503, "ServiceUnavailableException")]
    [InlineData(503, ErrorTypes.Api, 503, "ServiceUnavailableException")]
    [InlineData(504, ErrorTypes.Api, 408, "ModelTimeoutException")]
    [InlineData(502, ErrorTypes.Api, 500, "InternalServerException")]
    [InlineData(500, ErrorTypes.Api, 500, "InternalServerException")]
    public void Classify_ProxyErrors_TakeTheNearestBedrockException(int status, string type, int awsStatus, string awsType)
    {
        Assert.Equal((awsStatus, awsType), AwsRestJsonErrors.Classify(new ProxyError(status, type, "m")));
    }

    [Theory]
    [InlineData("ModelErrorException", 424)]
    [InlineData("ModelTimeoutException", 408)]
    [InlineData("ServiceQuotaExceededException", 400)]
    [InlineData("ModelNotReadyException", 429)]
    [InlineData("AccessDeniedException", 403)]
    public void Classify_BedrocksOwnErrors_KeepTheirNameAndStatus(string bedrockType, int status)
    {
        var error = BedrockErrorMapping.FromBedrock(new BedrockError(status, bedrockType, "upstream text"));

        Assert.Equal((status, bedrockType), AwsRestJsonErrors.Classify(error));
    }

    [Theory]
    [InlineData("UnrecognizedClientException")]
    [InlineData("InvalidSignatureException")]
    public void Classify_CredentialFaults_AreNotPassedOnByName(string bedrockType)
    {
        var error = BedrockErrorMapping.FromBedrock(new BedrockError(403, bedrockType, "The request signature we calculated does not match"));

        Assert.Equal((500, "InternalServerException"), AwsRestJsonErrors.Classify(error));
        Assert.DoesNotContain("signature", Encoding.UTF8.GetString(AwsRestJsonErrors.Body(error)), StringComparison.Ordinal);
    }

    [Fact]
    public void Body_IsTheMessageAlone()
    {
        using var json = JsonDocument.Parse(AwsRestJsonErrors.Body(ProxyError.InvalidRequest("bad \"id\"")));

        Assert.Equal("bad \"id\"", Assert.Single(json.RootElement.EnumerateObject(), p => p.Name == "message").Value.GetString());
    }
}
