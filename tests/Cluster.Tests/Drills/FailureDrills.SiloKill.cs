using System.Diagnostics;
using OrleansProxy.Cluster.Tests.Load;
using OrleansProxy.Cluster.Tests.Topology;
using OrleansProxy.Credentials;

namespace OrleansProxy.Cluster.Tests.Drills;

/// <summary>State survives node loss: a crashed silo's grains come back on the survivor with their state.</summary>
public sealed partial class FailureDrills
{
    [Fact, DrillOrder(3)]
    public async Task SiloKilledMidLoad_AtLeast99PercentSucceed_StateIntact()
    {
        await Cluster.EnsureRunningAsync();
        var report = new DrillReport("3. Kill -9 of a silo under load (the one hosting the key pool)", output);
        var revoked = ClusterFixture.Revoked;
        await using var diagnostics = await ClusterDiagnostics.ConnectAsync(Cluster);
        await RevokeAsync(diagnostics, revoked);

        var poolPort = await diagnostics.PoolSiloPortAsync();
        var victim = poolPort == Cluster.SiloPort(1) ? 1 : 0;
        var victimPort = Cluster.SiloPort(victim);
        IReadOnlyList<RequestRecord> records;
        IReadOnlyDictionary<string, CredentialSnapshot> before;
        TimeSpan killedAt;
        TimeSpan declaredDeadAfter;
        await using (var load = LoadRun.Start(Cluster.Gateways, clients: 8, LocalCluster.ProxyKey))
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            before = await diagnostics.CredentialsAsync();
            // Lets the writes of reports counted in `before` land in Redis before the silo dies.
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            killedAt = load.Elapsed;
            Cluster.KillSilo(victim);
            var watchMembership = Eventually.TrueAsync(
                async () =>
                {
                    try
                    {
                        return !(await diagnostics.ActiveSiloPortsAsync()).Contains(victimPort);
                    }
                    catch (Exception exception) when (exception is OrleansException or TimeoutException)
                    {
                        return false;
                    }
                },
                TimeSpan.FromSeconds(60),
                "the killed silo to leave the active members");
            await Task.Delay(TimeSpan.FromSeconds(20));
            records = await load.StopAsync();
            declaredDeadAfter = await watchMembership;
        }

        await WaitForStatusesAsync(diagnostics, active: ClusterFixture.Keys.Count - 1, revoked: 1, TimeSpan.FromSeconds(30));
        var after = await diagnostics.CredentialsAsync();
        var poolPortAfter = await diagnostics.PoolSiloPortAsync();
        var wentBack = CountersThatWentBack(before, after);

        var restart = Stopwatch.GetTimestamp();
        await Cluster.StartSiloAsync(victim);
        await Eventually.TrueAsync(async () => (await diagnostics.ActiveSiloPortsAsync()).Count == 2, TimeSpan.FromSeconds(60), "two active silos");
        var rejoinedIn = Stopwatch.GetElapsedTime(restart);

        var load2 = LoadFigures.Of(records, killedAt);
        report.Add("load", $"8 clients over both gateways, 5 s, kill -9 silo {victim + 1} (key pool's host), 20 s more");
        report.Add("all requests", load2);
        report.Add("requests in flight at the kill or started after it that took ≥ 2 s", $"{records.Count(r => r.Ended >= killedAt && r.Duration >= LoadFigures.SlowRequest)}");
        report.Add("killed silo gone from the active members after", declaredDeadAfter);
        report.Add("key pool after the kill on silo", $"{(poolPortAfter == Cluster.SiloPort(0) ? 1 : poolPortAfter == Cluster.SiloPort(1) ? 2 : 0)} (port {poolPortAfter})");
        report.Add("revoked credential after failover", $"{after[revoked.Masked].Status}");
        report.Add("usage requests counted by the grains, before kill → after", $"{Requests(before)} → {Requests(after)}");
        report.Add("counters that went backwards", $"{wentBack.Count}{(wentBack.Count == 0 ? "" : ": " + string.Join("; ", wentBack))}");
        report.Add("killed silo restarted → active member again", rejoinedIn);
        report.Publish();

        Assert.True(load2.SuccessRate >= 0.99, $"only {load2.SuccessRate:P2} of requests succeeded");
        Assert.Equal(CredentialStatus.Revoked, after[revoked.Masked].Status);
        Assert.Empty(wentBack);
        Assert.Equal(Cluster.SiloPort(1 - victim), poolPortAfter);
        Assert.True(Requests(after) > Requests(before));
    }

    /// <summary>
    /// Makes Bedrock reject the key as revoked, sends traffic until the grain has recorded it, then lets Bedrock accept
    /// it again: only the grain's persisted state keeps it revoked from here on. Rounds of 12 concurrent requests, twice
    /// the credentials: the pool prefers keys with the fewest leases in flight, and keys still holding leases of the
    /// gateway killed in drill 2 (until Pool:LeaseTtl) are only picked when every other key is busy.
    /// </summary>
    private async Task RevokeAsync(ClusterDiagnostics diagnostics, DrillCredential credential)
    {
        await fixture.Fake.PatchAsync(credential.AccessKeyId, """{"revoked":true}""");
        using var client = new ProxyClient(Cluster.Gateways, LocalCluster.ProxyKey);
        await Eventually.TrueAsync(
            async () =>
            {
                await Task.WhenAll(Enumerable.Range(0, 12).Select(n => client.SendAsync(n % 2, stream: false, "revoke drill")));
                return (await diagnostics.CredentialsAsync())[credential.Masked].Status == CredentialStatus.Revoked;
            },
            TimeSpan.FromSeconds(60),
            $"{credential.Masked} to be revoked");
        await fixture.Fake.PatchAsync(credential.AccessKeyId, """{"revoked":false}""");
    }
}
