using OrleansProxy.Gateway.Info;

namespace OrleansProxy.Gateway.Telemetry;

/// <summary>
/// Keeps <see cref="PoolSnapshotCache"/> warm every few seconds so the pool gauges of <see cref="PoolMetrics"/> read
/// a recent snapshot without blocking a scrape. A failed refresh is logged and retried on the next tick.
/// </summary>
public sealed partial class PoolSnapshotRefresher(
    PoolSnapshotCache pool,
    PoolMetrics metrics,
    TimeProvider time,
    ILogger<PoolSnapshotRefresher> logger) : BackgroundService
{
    /// <summary>Time between refreshes.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>The gauges this service feeds (resolving them here creates them at start-up).</summary>
    public PoolMetrics Metrics => metrics;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        var failures = 0;
        do
        {
            try
            {
                await pool.GetAsync(stoppingToken);
                failures = 0;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // Log the first failure of a streak and then every 12th (once a minute), not every tick.
                if (failures++ % 12 == 0)
                {
                    LogRefreshFailed(logger, exception.GetType().Name, failures);
                }
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
