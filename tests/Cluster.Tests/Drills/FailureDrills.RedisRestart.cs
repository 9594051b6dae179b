using System.Diagnostics;
using OrleansProxy.Cluster.Tests.Load;
using OrleansProxy.Cluster.Tests.Topology;

namespace OrleansProxy.Cluster.Tests.Drills;

/// <summary>
/// Redis is the membership table and the grain store, not the data path: while it restarts, leasing and signing on
/// active grains go on; what fails is persisting reports until it is back.
/// </summary>
public sealed partial class FailureDrills
{
    private static readonly TimeSpan RedisOutage = TimeSpan.FromSeconds(5);

    [Fact, DrillOrder(4)]
    public async Task RedisRestarted_GatewaysKeepServingAndRecover()
    {
        await Cluster.EnsureRunningAsync();
        var report = new DrillReport("4. Redis restarted under load", output);
        IReadOnlyList<RequestRecord> records;
        TimeSpan stoppedAt, backAt;
        await using (var load = LoadRun.Start(Cluster.Gateways, clients: 6, LocalCluster.ProxyKey))
        {
            await Task.Delay(TimeSpan.FromSeconds(4));
            stoppedAt = load.Elapsed;
            await Cluster.StopRedisAsync();
            await Task.Delay(RedisOutage);
            await Cluster.StartRedisAsync();
            backAt = load.Elapsed;
            await Task.Delay(TimeSpan.FromSeconds(15));
            records = await load.StopAsync();
        }

        var recovery = Stopwatch.GetTimestamp();
        await using var diagnostics = await ClusterDiagnostics.ConnectAsync(Cluster);
        var activeSilos = await diagnostics.ActiveSiloPortsAsync();
        var gatewaysReady = await Task.WhenAll(Cluster.GatewayReadyAsync(0), Cluster.GatewayReadyAsync(1));
        await WaitForStatusesAsync(diagnostics, active: ClusterFixture.Keys.Count - 1, revoked: 1, TimeSpan.FromSeconds(30));
        var poolInFlight = (await diagnostics.PoolAsync()).InFlight;
        var settledIn = Stopwatch.GetElapsedTime(recovery);

        var all = LoadFigures.Of(records, stoppedAt);
        var duringOutage = LoadFigures.Of([.. records.Where(r => r.Started >= stoppedAt && r.Started < backAt)]);
        report.Add("load", $"6 clients over both gateways, 4 s, Redis stopped (SIGTERM) for {RedisOutage.TotalSeconds:0} s, then restarted, 15 s more");
        report.Add("Redis stop → answering again", backAt - stoppedAt);
        report.Add("all requests", all);
        report.Add("requests started while Redis was down", duringOutage);
        report.Add("active silos after (of 2)", $"{activeSilos.Count}");
        report.Add("gateways ready after", $"{gatewaysReady.Count(r => r)} of 2");
        report.Add("credential statuses as before within", settledIn);
        report.Add("key pool's in-flight leases after the load stopped", $"{poolInFlight}");
        if (poolInFlight > 0)
        {
            report.Note($"{poolInFlight} leases stay in flight until their TTL (Pool:LeaseTtl, 10 min): a report whose state write failed " +
                "while Redis was down never released its lease to the pool (CredentialGrain.ReportAsync releases only after PersistAsync succeeds).");
        }

        report.Publish();

        Assert.True(all.SuccessRate >= 0.99, $"only {all.SuccessRate:P2} of requests succeeded");
        Assert.True(duringOutage.Sent > 0 && duringOutage.SuccessRate >= 0.99, $"{duringOutage.Succeeded} of {duringOutage.Sent} succeeded while Redis was down");
        Assert.Equal(2, activeSilos.Count);
        Assert.All(gatewaysReady, Assert.True);
    }
}
