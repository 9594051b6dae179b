namespace OrleansProxy.Cluster.Tests.Load;

/// <summary>What a load run measured.</summary>
/// <param name="Sent">Requests sent.</param>
/// <param name="Succeeded">Requests answered completely with 200.</param>
/// <param name="P50">Median latency.</param>
/// <param name="P99">99th percentile latency.</param>
/// <param name="Max">Slowest request.</param>
/// <param name="Disruption">
/// From the fault until the last request that failed or took at least <see cref="SlowRequest"/> finished; zero when
/// none did; null without a fault.
/// </param>
/// <param name="Failures">Failed requests by error, most frequent first.</param>
public sealed record LoadFigures(
    int Sent, int Succeeded, TimeSpan P50, TimeSpan P99, TimeSpan Max, TimeSpan? Disruption, IReadOnlyList<(string Error, int Count)> Failures)
{
    /// <summary>A request this slow counts as disrupted (normal ones take tens of milliseconds, a few hundred on a busy machine).</summary>
    public static readonly TimeSpan SlowRequest = TimeSpan.FromSeconds(2);

    /// <summary>Requests that failed.</summary>
    public int Failed => Sent - Succeeded;

    /// <summary>Share of requests that succeeded (1 when none were sent).</summary>
    public double SuccessRate => Sent == 0 ? 1 : (double)Succeeded / Sent;

    /// <summary>Summarises <paramref name="records"/>; <paramref name="faultAt"/> is when the fault was injected.</summary>
    public static LoadFigures Of(IReadOnlyCollection<RequestRecord> records, TimeSpan? faultAt = null)
    {
        var durations = records.Select(r => r.Duration).Order().ToList();
        TimeSpan? disruption = null;
        if (faultAt is { } fault)
        {
            var disrupted = records.Where(r => r.Ended >= fault && (!r.Ok || r.Duration >= SlowRequest)).ToList();
            disruption = disrupted.Count == 0 ? TimeSpan.Zero : disrupted.Max(r => r.Ended) - fault;
        }

        return new LoadFigures(
            records.Count,
            records.Count(r => r.Ok),
            Percentile(durations, 0.50),
            Percentile(durations, 0.99),
            durations.Count == 0 ? TimeSpan.Zero : durations[^1],
            disruption,
            [.. records.Where(r => !r.Ok).GroupBy(r => r.Error ?? "?").Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2)]);
    }

    private static TimeSpan Percentile(List<TimeSpan> sorted, double p) =>
        sorted.Count == 0 ? TimeSpan.Zero : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
