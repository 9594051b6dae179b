using System.Diagnostics.Metrics;
using OrleansProxy.Credentials;
using OrleansProxy.Gateway.Forwarding;
using OrleansProxy.Gateway.Info;
using OrleansProxy.Usage;

namespace OrleansProxy.Gateway.Telemetry;

/// <summary>
/// Observable gauges of the key pool on the gateway's meter: credentials by status, disabled and in-flight leases,
/// spent daily quotas, and the pool's token, cache and estimated-cost totals per model family.
/// They read the last snapshot <see cref="PoolSnapshotRefresher"/> fetched, so a scrape never waits on a grain.
/// Labels are statuses, families and token kinds only: never a key, a credential id or an access key id (per-credential
/// costs are on the admin dashboard).
/// </summary>
public sealed class PoolMetrics
{
    /// <summary>Creates the gauges on <see cref="ProxyMetrics.MeterName"/>.</summary>
    public PoolMetrics(IMeterFactory meterFactory, PoolSnapshotCache pool, PriceTable prices)
    {
        var meter = meterFactory.Create(ProxyMetrics.MeterName);
        meter.CreateObservableGauge("proxy.credentials", () => ByStatus(pool), "{credential}",
            "Registered credentials by status, from the key pool");
        meter.CreateObservableGauge("proxy.credentials.disabled", () => Single(pool, p => p.Disabled), "{credential}",
            "Credentials an operator disabled");
        meter.CreateObservableGauge("proxy.credentials.in_flight", () => Single(pool, p => p.InFlight), "{lease}",
            "Leases the key pool counts as in flight");
        meter.CreateObservableGauge("proxy.credentials.daily_quota_exhausted", () => DailyQuota(pool), "{credential}",
            "Credentials whose AWS account spent its daily token quota for the family, locked out until the reset");
        meter.CreateObservableCounter("proxy.pool.tokens", () => PoolTokens(pool), "{token}",
            "Tokens through the whole pool by family and kind (input, output, cache_read, cache_write_5m, cache_write_1h)");
        meter.CreateObservableGauge("proxy.pool.cache_hit_ratio", () => PerFamily(pool, u => u.CacheHitRatio), "1",
            "Share of the pool's input tokens read from the prompt cache, by family");
        meter.CreateObservableCounter("proxy.pool.cost.estimated", () => Cost(pool, prices), "USD",
            "Estimated cost of the pool's usage at the configured prices, by family (priced families only)");
    }

    private static IEnumerable<Measurement<int>> DailyQuota(PoolSnapshotCache pool) =>
        pool.Latest is { } snapshot
            ? snapshot.Families
                .Where(f => f.DailyQuotaExhausted > 0 || f.Usage.Requests > 0)
                .Select(f => new Measurement<int>(f.DailyQuotaExhausted, Family(f.Family)))
            : [];

    // Families nobody used are left out: the catalogue has dozens, and a series per unused family is noise.
    private static IEnumerable<Measurement<long>> PoolTokens(PoolSnapshotCache pool)
    {
        if (pool.Latest is not { } snapshot)
        {
            yield break;
        }

        foreach (var family in snapshot.Families.Where(f => f.Usage.Requests > 0))
        {
            var usage = family.Usage;
            foreach (var (kind, count) in new[]
            {
                ("input", usage.InputTokens), ("output", usage.OutputTokens), ("cache_read", usage.CacheReadTokens),
                ("cache_write_5m", usage.CacheWrite5mTokens), ("cache_write_1h", usage.CacheWrite1hTokens),
            })
            {
                yield return new Measurement<long>(count, Family(family.Family), new KeyValuePair<string, object?>("kind", kind));
            }
        }
    }

    private static IEnumerable<Measurement<double>> PerFamily(PoolSnapshotCache pool, Func<FamilyUsage, double> value) =>
        pool.Latest is { } snapshot
            ? snapshot.Families.Where(f => f.Usage.Requests > 0).Select(f => new Measurement<double>(value(f.Usage), Family(f.Family)))
            : [];

    private static IEnumerable<Measurement<double>> Cost(PoolSnapshotCache pool, PriceTable prices) =>
        pool.Latest is { } snapshot
            ? snapshot.Families
                .Where(f => f.Usage.Requests > 0)
                .Select(f => (f.Family, Cost: prices.Cost(f.Family, f.Usage.Tokens)))
                .Where(f => f.Cost is not null)
                .Select(f => new Measurement<double>((double)f.Cost!.Value, Family(f.Family)))
            : [];

    private static KeyValuePair<string, object?> Family(string family) => new("family", family);

    private static IEnumerable<Measurement<int>> ByStatus(PoolSnapshotCache pool)
    {
        if (pool.Latest is not { } snapshot)
        {
            yield break;
        }

        foreach (var status in Enum.GetValues<CredentialStatus>())
        {
            yield return new Measurement<int>(snapshot.ByStatus.GetValueOrDefault(status), new KeyValuePair<string, object?>("status", status.ToString()));
        }
    }

    private static IEnumerable<Measurement<int>> Single(PoolSnapshotCache pool, Func<Pool.PoolSnapshot, int> value)
    {
        if (pool.Latest is { } snapshot)
        {
            yield return new Measurement<int>(value(snapshot));
        }
    }
}
