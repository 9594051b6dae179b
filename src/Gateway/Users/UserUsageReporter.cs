using Microsoft.Extensions.Options;
using OrleansProxy.Gateway.Forwarding;
using OrleansProxy.Gateway.Hosting;
using OrleansProxy.Users;

namespace OrleansProxy.Gateway.Users;

/// <summary>
/// Ends users' requests in their grains off the request path, batched per user (see <see cref="BackgroundBatches{T}"/>):
/// under load, many answers share one grain call. A release that cannot be delivered leaves its slot to expire.
/// </summary>
public sealed partial class UserUsageReporter(GrainReferences grains, IOptions<GatewayOptions> options, ILogger<UserUsageReporter> logger) : IHostedService
{
    private const int MaxBatch = 256;
    private BackgroundBatches<SlotRelease>? _batches;

    // Made on first use (a field initialiser cannot bind an instance method), once even under concurrent first calls.
    private BackgroundBatches<SlotRelease> Batches => Volatile.Read(ref _batches) ?? CreateBatches();

    /// <summary>Queues the end of a request of <paramref name="userId"/>.</summary>
    public void Release(string userId, SlotRelease release, string requestId) => Batches.Add(userId, release, requestId);

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Batches.DrainAsync(options.Value.GrainCallTimeout * 3, cancellationToken);

    private BackgroundBatches<SlotRelease> CreateBatches()
    {
        Interlocked.CompareExchange(ref _batches, new BackgroundBatches<SlotRelease>(SendAsync, MaxBatch), null);
        return _batches!;
    }

    private async Task SendAsync(string userId, List<SlotRelease> releases, string requestId)
    {
        using var timeout = new CancellationTokenSource(options.Value.GrainCallTimeout * 3);
        try
        {
            await GrainCalls.RetryAsync(
                async () =>
                {
                    await grains.User(userId).ReleaseAsync(releases);
                    return true;
                },
                null,
                timeout.Token);
        }
        catch (Exception exception)
        {
            // The slots expire on their own; the usage of these answers is lost to the user's counters.
            LogFailed(logger, requestId, releases.Count, userId, exception.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 2311, Level = LogLevel.Error,
        Message = "Request {RequestId}: releasing {Count} requests of user {UserId} failed ({Error}); their slots will expire and their usage is not counted")]
    private static partial void LogFailed(ILogger logger, string requestId, int count, string userId, string error);
}
