using Microsoft.Extensions.Logging;

namespace OrleansProxy.Pool;

public sealed partial class KeyPoolGrain
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Key pool activated with {Registered} registered credentials")]
    private static partial void LogActivated(ILogger logger, int registered);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information,
        Message = "Key pool registration: {Added} added, {Unchanged} unchanged, {Retired} retired")]
    private static partial void LogRegistered(ILogger logger, int added, int unchanged, int retired);
}
