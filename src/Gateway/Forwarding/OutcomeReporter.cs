using Microsoft.Extensions.Options;
using OrleansProxy.Credentials;
using OrleansProxy.Gateway.Hosting;

namespace OrleansProxy.Gateway.Forwarding;

/// <summary>
/// Sends a finished request's outcome to its credential grain off the request path, so the client's connection is
/// free for its next request at once. Reports still in flight when the gateway stops are awaited (bounded), so
/// stopping a gateway loses none.
/// </summary>
public sealed partial class OutcomeReporter(IGrainFactory grains, IOptions<GatewayOptions> options, ILogger<OutcomeReporter> logger) : IHostedService
{
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _pending = [];

    /// <summary>Reports now and waits (used before a retry, whose lease choice depends on the report).</summary>
    public async Task ReportAsync(string credentialId, RequestOutcome outcome, string requestId)
    {
        var credential = grains.GetGrain<ICredentialGrain>(credentialId);
        // Reports must land even when the client is gone: the lease and the counters depend on them.
        using var timeout = new CancellationTokenSource(options.Value.GrainCallTimeout * 3);
        try
        {
            await GrainCalls.RetryAsync(
                async () =>
                {
                    await credential.ReportAsync(outcome);
                    return true;
                },
                (e, n) => LogRetry(logger, requestId, n, e.GetType().Name),
                timeout.Token);
        }
        catch (Exception exception)
        {
            // The lease expires on its own; the client's answer must not fail because a report did.
            LogFailed(logger, requestId, credentialId, exception.GetType().Name);
        }
    }

    /// <summary>Reports in the background.</summary>
    public void ReportInBackground(string credentialId, RequestOutcome outcome, string requestId)
    {
        var task = ReportAsync(credentialId, outcome, requestId);
        lock (_gate)
        {
            _pending.Add(task);
        }

        task.ContinueWith(
            (done, state) =>
            {
                var self = (OutcomeReporter)state!;
                lock (self._gate)
                {
                    self._pending.Remove(done);
                }
            },
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task[] pending;
        lock (_gate)
        {
            pending = [.. _pending];
        }

        if (pending.Length > 0)
        {
            LogDraining(logger, pending.Length);
            await Task.WhenAll(pending).WaitAsync(options.Value.GrainCallTimeout * 3, cancellationToken)
                .ContinueWith(static _ => { }, TaskScheduler.Default);
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Request {RequestId}: report retry {Retry} after {Error}")]
    private static partial void LogRetry(ILogger logger, string requestId, int retry, string error);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Error,
        Message = "Request {RequestId}: outcome report to credential {CredentialId} failed ({Error}); its lease will expire")]
    private static partial void LogFailed(ILogger logger, string requestId, string credentialId, string error);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information, Message = "Waiting for {Count} outcome reports before stopping")]
    private static partial void LogDraining(ILogger logger, int count);
}
