using Microsoft.Extensions.Logging;

namespace OrleansProxy.Credentials;

public sealed partial class CredentialGrain
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Credential {CredentialId} ({MaskedAccessKeyId}) checked: {Status} ({Reason}); complete: {Complete}")]
    private static partial void LogChecked(ILogger logger, string credentialId, string maskedAccessKeyId, CredentialStatus status, string reason, bool complete);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning,
        Message = "Credential {CredentialId} ({MaskedAccessKeyId}) revoked by upstream answer {ErrorType}")]
    private static partial void LogRevoked(ILogger logger, string credentialId, string? maskedAccessKeyId, string? errorType);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information,
        Message = "Credential {CredentialId} throttled for {Family} ({ThrottleKind}) until {LockedUntil} ({ConsecutiveThrottles} in a row)")]
    private static partial void LogThrottled(ILogger logger, string credentialId, string family, ThrottleKind throttleKind, DateTimeOffset? lockedUntil, int consecutiveThrottles);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information,
        Message = "Credential {CredentialId} ({MaskedAccessKeyId}) added at run time; its secret is stored encrypted")]
    private static partial void LogRuntimeAdded(ILogger logger, string credentialId, string maskedAccessKeyId);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error,
        Message = "Credential {CredentialId}: writing its state failed ({Error}); the lease is released and the change retried with the next write")]
    private static partial void LogPersistFailed(ILogger logger, string credentialId, string error);
}
