using System.Diagnostics;
using OrleansProxy.Cluster.Tests.Load;
using OrleansProxy.Cluster.Tests.Topology;

namespace OrleansProxy.Cluster.Tests.Drills;

/// <summary>Gateways are stateless: losing one loses only its own in-flight requests.</summary>
public sealed partial class FailureDrills
{
    [Fact, DrillOrder(2)]
    public async Task GatewayKilled_RequestsThroughTheOtherKeepSucceeding()
    {
        await Cluster.EnsureRunningAsync();
        var report = new DrillReport("2. Kill -9 of gateway 1 under load", output);
        IReadOnlyList<RequestRecord> records;
        TimeSpan killedAt;
        await using (var load = LoadRun.Start(Cluster.Gateways, clients: 8, LocalCluster.ProxyKey))
        {
            await Task.Delay(TimeSpan.FromSeconds(4));
            killedAt = load.Elapsed;
            Cluster.KillGateway(0);
            await Task.Delay(TimeSpan.FromSeconds(6));
            records = await load.StopAsync();
        }

        var restart = Stopwatch.GetTimestamp();
        await Cluster.StartGatewayAsync(0);
        var restartedIn = Stopwatch.GetElapsedTime(restart);
        using var client = new ProxyClient(Cluster.Gateways, LocalCluster.ProxyKey);
        var afterRestart = await client.SendAsync(0, stream: true, "gateway drill, restarted gateway 1");

        var survivor = LoadFigures.Of([.. records.Where(r => r.Gateway == 1)], killedAt);
        var survivorAfterKill = records.Count(r => r.Gateway == 1 && r.Started > killedAt);
        var killed = LoadFigures.Of([.. records.Where(r => r.Gateway == 0)], killedAt);
        report.Add("load", $"8 clients (4 per gateway), 4 s, kill -9 gateway 1, 6 s more");
        report.Add("gateway 2 (survivor)", survivor);
        report.Add("gateway 2: requests started after the kill", $"{survivorAfterKill}");
        report.Add("gateway 1 (killed)", killed);
        report.Add("gateway 1 restarted → ready", restartedIn);
        report.Note("Gateway 1's failures are its own in-flight requests and the connections its clients tried after the kill; " +
            "a load balancer (deploy/local-cluster.sh's nginx) retries refused connections on the other gateway.");
        report.Publish();

        Assert.Equal(0, survivor.Failed);
        Assert.True(survivorAfterKill > 0);
        Assert.True(afterRestart.Ok, afterRestart.Error);
    }
}
