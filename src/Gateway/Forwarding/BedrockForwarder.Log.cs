using OrleansProxy.Pool;

namespace OrleansProxy.Gateway.Forwarding;

public sealed partial class BedrockForwarder
{
    // Debug: at thousands of requests a second, one line each is a cost; failures log at Warning and above.
    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug,
        Message = "Request {RequestId} {Endpoint} {Model} finished with {Status} after {Attempts} attempt(s) in {ElapsedMs} ms")]
    private static partial void LogRequestFinished(ILogger logger, string requestId, string endpoint, string model, int status, int attempts, long elapsedMs);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Debug,
        Message = "Request {RequestId}: beta flag {Flag} dropped, Bedrock does not take it for {Family}")]
    private static partial void LogBetaDropped(ILogger logger, string requestId, string flag, string family);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Debug,
        Message = "Request {RequestId}: field {Field} dropped, Bedrock does not take it for {Family}")]
    private static partial void LogFieldDropped(ILogger logger, string requestId, string field, string family);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning,
        Message = "Request {RequestId} attempt {Attempt} on credential {CredentialId} failed: {ErrorType} ({Status})")]
    private static partial void LogAttemptFailed(ILogger logger, string requestId, int attempt, string credentialId, string errorType, int status);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning,
        Message = "Request {RequestId} for {Model}: no credential ({Reason}) after waiting {WaitedMs} ms")]
    private static partial void LogNoCredential(ILogger logger, string requestId, string model, NoCredentialReason reason, long waitedMs);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning,
        Message = "Request {RequestId}: {Call} grain call retry {Retry} after {Error}")]
    private static partial void LogGrainRetry(ILogger logger, string requestId, string call, int retry, string error);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Error,
        Message = "Request {RequestId}: credential {CredentialId} could not sign ({Error})")]
    private static partial void LogSignFailed(ILogger logger, string requestId, string credentialId, string error);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Error,
        Message = "Request {RequestId}: the cluster did not answer ({Error})")]
    private static partial void LogClusterUnavailable(ILogger logger, string requestId, string error);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Information,
        Message = "Request {RequestId}: user {UserId} refused with {Status}")]
    private static partial void LogUserRefused(ILogger logger, string requestId, string userId, int status);
}
