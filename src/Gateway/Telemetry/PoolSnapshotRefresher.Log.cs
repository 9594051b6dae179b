namespace OrleansProxy.Gateway.Telemetry;

public sealed partial class PoolSnapshotRefresher
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Pool snapshot refresh for metrics failed ({Error}), {Failures} time(s) in a row")]
    private static partial void LogRefreshFailed(ILogger logger, string error, int failures);
}
