using OrleansProxy.Testing.FakeBedrock.Behaviour;

namespace OrleansProxy.Testing.FakeBedrock.Errors;

/// <summary>
/// The errors the fake answers with, worded as AWS words them: the product matches on these
/// type names (and sometimes the text), so they must not drift from what real Bedrock sends.
/// </summary>
internal static class AwsErrors
{
    private const string Bedrock = "com.amazon.bedrock";
    private const string Coral = "com.amazon.coral.service";

    public static AwsError MissingAuthenticationToken() =>
        new(403, "MissingAuthenticationTokenException", "Missing Authentication Token", Coral);

    public static AwsError IncompleteSignature(string message) =>
        new(403, "IncompleteSignatureException", message, Coral);

    public static AwsError InvalidSignature(string message) =>
        new(403, "InvalidSignatureException", message, Coral);

    public static AwsError SignatureMismatch() => InvalidSignature(
        "The request signature we calculated does not match the signature you provided. " +
        "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");

    public static AwsError UnrecognizedClient() =>
        new(403, "UnrecognizedClientException", "The security token included in the request is invalid.", Coral);

    public static AwsError UnknownOperation() =>
        new(404, "UnknownOperationException", "The requested operation is not recognized by the service.", Coral);

    public static AwsError ModelAccessDenied() =>
        new(403, "AccessDeniedException", "You don't have access to the model with the specified model ID.", Bedrock);

    public static AwsError LoggingAccessDenied(string accountId, string region) => new(
        403,
        "AccessDeniedException",
        $"User: arn:aws:iam::{accountId}:user/fake-bedrock is not authorized to perform: " +
        $"bedrock:GetModelInvocationLoggingConfiguration on resource: arn:aws:bedrock:{region}:{accountId}:* " +
        "because no identity-based policy allows the bedrock:GetModelInvocationLoggingConfiguration action",
        Bedrock);

    public static AwsError Validation(string message) => new(400, "ValidationException", message, Bedrock);

    public static AwsError InputTooLong() => Validation("Input is too long for requested model.");

    public static AwsError InvalidModelIdentifier() => Validation("The provided model identifier is invalid.");

    // AWS writes this one with a typographic apostrophe (U+2019); matching code should not rely on it.
    public static AwsError OnDemandNotSupported(string modelId) => Validation(
        $"Invocation of model ID {modelId} with on-demand throughput isn\u2019t supported. " +
        "Retry your request with the ID or ARN of an inference profile that contains this model.");

    public static AwsError MessagesApiOnly(string anthropicModelName) =>
        Validation($"\"{anthropicModelName}\" is not supported on this API. Please use the Messages API instead.");

    // CountTokens on a model (or an inference profile id) it does not serve (maximhq/bifrost#2169, strands-agents#2250).
    public static AwsError CountTokensNotSupported() => Validation("The provided model doesn't support counting tokens.");

    // Smithy's constraint wording for a CountTokens request whose input is missing or not one union member.
    public static AwsError CountTokensInput(string detail) => Validation("1 validation error detected: " + detail);

    public static AwsError MalformedInput(string violations) =>
        Validation($"Malformed input request: {violations}, please reformat your input and try again.");

    public static AwsError EndOfLife() => new(
        404,
        "ResourceNotFoundException",
        "This model version has reached the end of its life. Please refer to the AWS documentation for more details.",
        Bedrock);

    public static AwsError ModelNotInRegion() => new(
        404,
        "ResourceNotFoundException",
        "Could not resolve the foundation model from the provided model identifier.",
        Bedrock);

    public static AwsError Throttling(FakeThrottleMessage message) =>
        new(429, "ThrottlingException", ThrottleText(message), Bedrock);

    public static string ThrottleText(FakeThrottleMessage message) => message switch
    {
        FakeThrottleMessage.TooManyTokens => "Too many tokens, please wait before trying again.",
        FakeThrottleMessage.TooManyTokensPerDay => "Too many tokens per day, please wait before trying again.",
        _ => "Too many requests, please wait before trying again.",
    };

    public static AwsError Fault(FakeFault fault) => fault switch
    {
        FakeFault.ServiceUnavailable =>
            new(503, "ServiceUnavailableException", "Too many connections, please wait before trying again.", Bedrock),
        FakeFault.ModelTimeout =>
            new(408, "ModelTimeoutException", "Model has timed out in processing the request. Try your request again.", Bedrock),
        FakeFault.ModelError =>
            new(424, "ModelErrorException", "The model returned an error while processing the request. Try your request again.", Bedrock),
        FakeFault.ModelNotReady =>
            new(429, "ModelNotReadyException", "Model is not ready to serve inference requests. Wait and try your request again.", Bedrock),
        _ =>
            new(500, "InternalServerException", "The system encountered an unexpected error during processing. Try your request again.", Bedrock),
    };
}
