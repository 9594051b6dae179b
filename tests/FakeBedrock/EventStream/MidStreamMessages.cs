using OrleansProxy.Testing.FakeBedrock.Behaviour;
using OrleansProxy.Testing.FakeBedrock.Errors;

namespace OrleansProxy.Testing.FakeBedrock.EventStream;

/// <summary>The <c>{"message":…}</c> text that goes with each event-stream exception type.</summary>
internal static class MidStreamMessages
{
    public static string For(string exceptionType, FakeThrottleMessage throttleMessage) => exceptionType switch
    {
        "throttlingException" => AwsErrors.ThrottleText(throttleMessage),
        "serviceUnavailableException" => AwsErrors.Fault(FakeFault.ServiceUnavailable).Message,
        "internalServerException" => AwsErrors.Fault(FakeFault.InternalServer).Message,
        "modelTimeoutException" => AwsErrors.Fault(FakeFault.ModelTimeout).Message,
        "modelStreamErrorException" => "The model stream encountered an error. Try your request again.",
        "validationException" => "Input is too long for requested model.",
        _ => "The fake Bedrock was told to fail this stream.",
    };
}
