using OrleansProxy.Checks;
using OrleansProxy.Credentials;

namespace OrleansProxy.Checks.Tests;

public sealed class CheckInterpreterTests
{
    private const string Coral = ":http://internal.amazon.com/coral/com.amazon.bedrock/";

    [Theory]
    [InlineData("{}", LoggingCheck.Off)]
    [InlineData("""{"loggingConfig":null}""", LoggingCheck.Off)]
    [InlineData("""{"loggingConfig":{"textDataDeliveryEnabled":false,"cloudWatchConfig":{"logGroupName":"g"}}}""", LoggingCheck.Off)]
    [InlineData("""{"loggingConfig":{"textDataDeliveryEnabled":true}}""", LoggingCheck.Off)]
    [InlineData("""{"loggingConfig":{"textDataDeliveryEnabled":true,"cloudWatchConfig":{"logGroupName":"g"}}}""", LoggingCheck.On)]
    [InlineData("""{"loggingConfig":{"textDataDeliveryEnabled":true,"s3Config":{"bucketName":"b"}}}""", LoggingCheck.On)]
    [InlineData("""{"loggingConfig":{"s3Config":{"bucketName":"b"}}}""", LoggingCheck.On)]
    [InlineData("""{"loggingConfig":"weird"}""", LoggingCheck.Unknown)]
    [InlineData("not json", LoggingCheck.Unknown)]
    [InlineData("[]", LoggingCheck.Unknown)]
    public void Logging_200_IsOffOnlyWhenConclusive(string body, LoggingCheck expected)
    {
        var result = CheckInterpreter.Logging(200, null, body);

        Assert.Equal(CheckVerdict.Conclusive, result.Verdict);
        Assert.Equal(expected, result.Logging);
    }

    [Theory]
    [InlineData(403, "AccessDeniedException", CheckVerdict.Conclusive, LoggingCheck.Unknown)]
    [InlineData(403, "UnrecognizedClientException", CheckVerdict.Revoked, LoggingCheck.NotChecked)]
    [InlineData(403, "InvalidSignatureException", CheckVerdict.Revoked, LoggingCheck.NotChecked)]
    [InlineData(403, "ExpiredTokenException", CheckVerdict.Revoked, LoggingCheck.NotChecked)]
    [InlineData(429, "ThrottlingException", CheckVerdict.Throttled, LoggingCheck.NotChecked)]
    [InlineData(500, "InternalServerException", CheckVerdict.Transient, LoggingCheck.NotChecked)]
    [InlineData(503, "ServiceUnavailableException", CheckVerdict.Transient, LoggingCheck.NotChecked)]
    public void Logging_Errors_MapToVerdicts(int status, string type, CheckVerdict verdict, LoggingCheck logging)
    {
        var result = CheckInterpreter.Logging(status, type + Coral, """{"message":"x"}""");

        Assert.Equal((verdict, logging), (result.Verdict, result.Logging));
    }

    [Fact]
    public void Logging_SkewedClock_IsTransientNotRevoked()
    {
        var result = CheckInterpreter.Logging(403, "InvalidSignatureException" + Coral,
            """{"message":"Signature expired: 20261125T100000Z is now earlier than 20261125T101000Z"}""");

        Assert.Equal(CheckVerdict.Transient, result.Verdict);
    }

    [Theory]
    [InlineData(400, "ValidationException", "Malformed input request: #/max_tokens: -1 is not greater or equal to 1, please reformat your input and try again.", CheckVerdict.Conclusive, FamilyAccess.Granted)]
    [InlineData(400, "ValidationException", "The provided model identifier is invalid.", CheckVerdict.Conclusive, FamilyAccess.NotInRegion)]
    [InlineData(400, "ValidationException", "Invocation of model ID x with on-demand throughput isn't supported.", CheckVerdict.Transient, FamilyAccess.Unknown)]
    [InlineData(403, "AccessDeniedException", "You don't have access to the model with the specified model ID.", CheckVerdict.Conclusive, FamilyAccess.Denied)]
    [InlineData(404, "ResourceNotFoundException", "Could not resolve the foundation model from the provided model identifier.", CheckVerdict.Conclusive, FamilyAccess.NotInRegion)]
    [InlineData(403, "UnrecognizedClientException", "The security token included in the request is invalid.", CheckVerdict.Revoked, FamilyAccess.Unknown)]
    [InlineData(429, "ThrottlingException", "Too many requests, please wait before trying again.", CheckVerdict.Throttled, FamilyAccess.Unknown)]
    [InlineData(500, "InternalServerException", "boom", CheckVerdict.Transient, FamilyAccess.Unknown)]
    public void Probe_Answers_MapToAccess(int status, string type, string message, CheckVerdict verdict, FamilyAccess access)
    {
        var result = CheckInterpreter.Probe(status, type + Coral, $$"""{"message":"{{message}}"}""");

        Assert.Equal((verdict, access), (result.Verdict, result.Access));
    }
}
