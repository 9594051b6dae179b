using Microsoft.Extensions.Options;
using OrleansProxy.Credentials;
using OrleansProxy.Gateway.Hosting;

namespace OrleansProxy.Gateway.Forwarding;

/// <summary>
/// Sends a finished request's outcome to its credential grain off the request path, so the client's connection is
/// free for its next request at once. Background reports are batched per credential without any timer: the first
/// goes at once, and whatever finishes while a credential's batch is on its way goes with the next one, so an idle
/// gateway adds no delay and a busy one sends one grain call (one state write, one pool message) for many answers.
/// Reports still queued or in flight when the gateway stops are awaited (bounded), so stopping a gateway loses none.
/// </summary>
public sealed partial class OutcomeReporter(GrainReferences grains, IOptions<GatewayOptions> options, ILogger<OutcomeReporter> logger) : IHostedService
{
    /// <summary>Most outcomes in one grain call; well under the grain's memory of reported leases.</summary>
    internal const int MaxBatch = 256;

    private BackgroundBatches<RequestOutcome>? _batches;

    // Made on first use (a field initialiser cannot bind an instance method), once even under concurrent first calls.
    private BackgroundBatches<RequestOutcome> Batches => Volatile.Read(ref _batches) ?? CreateBatches();

    /// <summary>Reports now and waits (used before a retry, whose lease choice depends on the report).</summary>
    public Task ReportAsync(string credentialId, RequestOutcome outcome, string requestId) =>
        SendAsync(credentialId, [outcome], requestId);

    /// <summary>Reports in the background, batched with other answers of the same credential.</summary>
    public void ReportInBackground(string credentialId, RequestOutcome outcome, string requestId) =>
        Batches.Add(credentialId, outcome, requestId);

    private BackgroundBatches<RequestOutcome> CreateBatches()
    {
        Interlocked.CompareExchange(ref _batches, new BackgroundBatches<RequestOutcome>(SendAsync, MaxBatch), null);
        return _batches!;
    }

    private async Task SendAsync(string credentialId, List<RequestOutcome> outcomes, string requestId)
    {
        var credential = grains.Credential(credentialId);
        // Reports must land even when the client is gone: the lease and the counters depend on them.
        using var timeout = new CancellationTokenSource(options.Value.GrainCallTimeout * 3);
        try
        {
            await GrainCalls.RetryAsync(
                async () =>
                {
                    await (outcomes.Count == 1 ? credential.ReportAsync(outcomes[0]) : credential.ReportBatchAsync(outcomes));
                    return true;
                },
                (e, n) => LogRetry(logger, requestId, outcomes.Count, n, e.GetType().Name),
                timeout.Token);
        }
        catch (Exception exception)
        {
            // The leases expire on their own; the client's answer must not fail because a report did.
            LogFailed(logger, requestId, outcomes.Count, credentialId, exception.GetType().Name);
        }
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var waited = await Batches.DrainAsync(options.Value.GrainCallTimeout * 3, cancellationToken);
        if (waited > 0)
        {
            LogDraining(logger, waited);
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Request {RequestId}: report of {Count} outcomes, retry {Retry} after {Error}")]
    private static partial void LogRetry(ILogger logger, string requestId, int count, int retry, string error);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Error,
        Message = "Request {RequestId}: report of {Count} outcomes to credential {CredentialId} failed ({Error}); their leases will expire")]
    private static partial void LogFailed(ILogger logger, string requestId, int count, string credentialId, string error);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information, Message = "Waiting for {Count} outcome reports before stopping")]
    private static partial void LogDraining(ILogger logger, int count);
}
