namespace OrleansProxy.Gateway.TokenCounting;

public sealed partial class TokenCounter
{
    [LoggerMessage(EventId = 2301, Level = LogLevel.Debug,
        Message = "Request {RequestId}: counted {Model} locally ({Reason}): an estimated {InputTokens} input tokens")]
    private static partial void LogEstimated(ILogger logger, string requestId, string model, string reason, long inputTokens);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Information,
        Message = "Request {RequestId}: CountTokens with credential {CredentialId} failed ({ErrorType}, status {Status})")]
    private static partial void LogAttemptFailed(ILogger logger, string requestId, string credentialId, string errorType, int status);

    [LoggerMessage(EventId = 2303, Level = LogLevel.Warning,
        Message = "Request {RequestId}: the key pool did not answer a CountTokens pick ({Error}); answering an estimate")]
    private static partial void LogClusterUnavailable(ILogger logger, string requestId, string error);
}
