using System.Diagnostics;
using OrleansProxy.Cluster.Tests.Load;
using OrleansProxy.Cluster.Tests.Topology;
using OrleansProxy.Credentials;

namespace OrleansProxy.Cluster.Tests.Drills;

/// <summary>Everything restarts: the state in Redis is the cluster's memory, and the configuration decides the key set.</summary>
public sealed partial class FailureDrills
{
    [Fact, DrillOrder(5)]
    public async Task FullRestart_PersistedStateComesBack_RemovedCredentialRetired()
    {
        await Cluster.EnsureRunningAsync();
        var report = new DrillReport("5. Full restart of every process (one credential removed from AWS_CREDENTIALS)", output);
        var revoked = ClusterFixture.Revoked;
        var removed = ClusterFixture.Removed;
        IReadOnlyDictionary<string, CredentialSnapshot> before;
        await using (var diagnostics = await ClusterDiagnostics.ConnectAsync(Cluster))
        {
            before = await diagnostics.CredentialsAsync();
        }

        // Silos crash and Redis restarts; the gateways stay up and must find the new silos by themselves.
        var down = Stopwatch.GetTimestamp();
        Cluster.KillSilo(0);
        Cluster.KillSilo(1);
        await Cluster.StopRedisAsync();
        Cluster.SiloCredentials = [.. ClusterFixture.Keys.Where(k => k != removed)];
        await Cluster.StartRedisAsync();
        await Task.WhenAll(Cluster.StartSiloAsync(0), Cluster.StartSiloAsync(1));
        var silosReady = Stopwatch.GetElapsedTime(down);

        // The state, before any request could change it.
        IReadOnlyList<CredentialDescriptor> registered;
        IReadOnlyDictionary<string, CredentialSnapshot> after;
        CredentialSnapshot removedState;
        TimeSpan settled;
        await using (var diagnostics = await ClusterDiagnostics.ConnectAsync(Cluster))
        {
            await WaitForStatusesAsync(diagnostics, active: ClusterFixture.Keys.Count - 2, revoked: 1, TimeSpan.FromSeconds(30));
            settled = Stopwatch.GetElapsedTime(down);
            registered = await diagnostics.RegisteredAsync();
            after = await diagnostics.CredentialsAsync();

            // The pool forgets a removed credential first, then tells its grain to retire.
            var removedId = before[removed.Masked].Descriptor.Id;
            await Eventually.TrueAsync(async () => (await diagnostics.CredentialAsync(removedId)).Retired, TimeSpan.FromSeconds(30), "the removed credential's grain to retire");
            removedState = await diagnostics.CredentialAsync(removedId);
        }

        using var client = new ProxyClient(Cluster.Gateways, LocalCluster.ProxyKey);
        await Eventually.TrueAsync(
            async () => (await Task.WhenAll(client.SendAsync(0, false, "restart drill"), client.SendAsync(1, false, "restart drill"))).All(r => r.Ok),
            TimeSpan.FromSeconds(90),
            "both gateways that stayed up to serve requests through the restarted silos");
        var gatewaysServing = Stopwatch.GetElapsedTime(down);

        // Then the gateways restart too: every process has been replaced.
        var gatewaysDown = Stopwatch.GetTimestamp();
        Cluster.KillGateway(0);
        Cluster.KillGateway(1);
        await Task.WhenAll(Cluster.StartGatewayAsync(0), Cluster.StartGatewayAsync(1));
        var gatewaysRestarted = Stopwatch.GetElapsedTime(gatewaysDown);
        var served = await Task.WhenAll(Enumerable.Range(0, 20).Select(n => client.SendAsync(n % 2, n % 3 == 0, "after the restart")));

        var kept = before.Where(b => b.Key != removed.Masked).ToDictionary();
        var wentBack = CountersThatWentBack(kept, after);
        var identical = kept.Count(b => after.TryGetValue(b.Key, out var s)
            && Usage(b.Value).All(u => Usage(s).GetValueOrDefault(u.Key) == u.Value));
        report.Add("silos killed + Redis restarted → both silos active", silosReady);
        report.Add("→ pool lists every credential with its status again", settled);
        report.Add("→ the gateways that stayed up serve requests again", gatewaysServing);
        report.Add("gateways killed → both ready again", gatewaysRestarted);
        report.Add("registered credentials before → after", $"{before.Count} → {registered.Count}");
        report.Add("removed credential", $"{(registered.Any(d => d.MaskedAccessKeyId == removed.Masked) ? "still registered" : "not registered")}, its grain says retired: {removedState.Retired}");
        report.Add("revoked credential after restart", $"{after[revoked.Masked].Status}");
        report.Add("credentials whose usage counters came back identical", $"{identical} of {kept.Count}");
        report.Add("usage requests counted by the kept credentials, before → after", $"{Requests(kept)} → {Requests(after)}");
        report.Add("counters that went backwards", $"{wentBack.Count}{(wentBack.Count == 0 ? "" : ": " + string.Join("; ", wentBack))}");
        report.Add("requests through the restarted gateways", LoadFigures.Of(served));
        report.Publish();

        Assert.DoesNotContain(registered, d => d.MaskedAccessKeyId == removed.Masked);
        Assert.Equal(ClusterFixture.Keys.Count - 1, registered.Count);
        Assert.True(removedState.Retired);
        Assert.Equal(CredentialStatus.Revoked, after[revoked.Masked].Status);
        Assert.Empty(wentBack);
        Assert.Equal(kept.Count, identical);
        Assert.All(served, r => Assert.True(r.Ok, r.Error));
    }
}
