using Microsoft.Extensions.Logging;

namespace OrleansProxy.Pool;

public sealed partial class KeyPoolGrain
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Key pool activated with {Registered} registered credentials")]
    private static partial void LogActivated(ILogger logger, int registered);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information,
        Message = "Key pool registration: {Added} added, {Unchanged} unchanged, {Retired} retired")]
    private static partial void LogRegistered(ILogger logger, int added, int unchanged, int retired);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information,
        Message = "Key pool has not heard from {Count} registered credentials yet; asking them to initialise and publish again")]
    private static partial void LogChasing(ILogger logger, int count);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "Credential {CredentialId} did not answer the key pool ({Error}); asking again")]
    private static partial void LogChaseFailed(ILogger logger, string credentialId, string error);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "Retired credential {CredentialId} did not confirm ({Error}); telling it again")]
    private static partial void LogRetireFailed(ILogger logger, string credentialId, string error);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Warning, Message = "Key pool could not persist its state ({Error}); it stays dirty for the next write")]
    private static partial void LogPersistFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Debug, Message = "Credential {CredentialId} throttled on CountTokens; out of counting until {Until}")]
    private static partial void LogCountTokensThrottled(ILogger logger, string credentialId, DateTimeOffset until);
}
