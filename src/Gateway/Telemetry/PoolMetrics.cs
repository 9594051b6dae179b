using System.Diagnostics.Metrics;
using OrleansProxy.Credentials;
using OrleansProxy.Gateway.Forwarding;
using OrleansProxy.Gateway.Info;

namespace OrleansProxy.Gateway.Telemetry;

/// <summary>
/// Observable gauges of the key pool on the gateway's meter: credentials by status, disabled and in-flight leases.
/// They read the last snapshot <see cref="PoolSnapshotRefresher"/> fetched, so a scrape never waits on a grain.
/// Labels are statuses only: never a key, a credential id or an access key id.
/// </summary>
public sealed class PoolMetrics
{
    /// <summary>Creates the gauges on <see cref="ProxyMetrics.MeterName"/>.</summary>
    public PoolMetrics(IMeterFactory meterFactory, PoolSnapshotCache pool)
    {
        var meter = meterFactory.Create(ProxyMetrics.MeterName);
        meter.CreateObservableGauge("proxy.credentials", () => ByStatus(pool), "{credential}",
            "Registered credentials by status, from the key pool");
        meter.CreateObservableGauge("proxy.credentials.disabled", () => Single(pool, p => p.Disabled), "{credential}",
            "Credentials an operator disabled");
        meter.CreateObservableGauge("proxy.credentials.in_flight", () => Single(pool, p => p.InFlight), "{lease}",
            "Leases the key pool counts as in flight");
    }

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
