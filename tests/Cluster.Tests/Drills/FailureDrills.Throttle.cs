using OrleansProxy.Cluster.Tests.Load;
using OrleansProxy.Cluster.Tests.Topology;

namespace OrleansProxy.Cluster.Tests.Drills;

/// <summary>One consistent view: what one gateway learns about a credential, every gateway acts on at once.</summary>
public sealed partial class FailureDrills
{
    /// <summary>The silos' first lockout in the drill cluster (<c>Pool__ThrottleBackoffBase</c>).</summary>
    private static readonly TimeSpan Lockout = TimeSpan.FromSeconds(10);

    [Fact, DrillOrder(1)]
    public async Task ThrottledThroughGateway1_SkippedByGateway2AtOnce()
    {
        await Cluster.EnsureRunningAsync();
        var throttled = ClusterFixture.Throttled;
        var report = new DrillReport("1. A credential throttled through gateway 1 is skipped by gateway 2 at once", output);
        report.Add("cluster start-up (first process → every credential active)", fixture.StartupTime);
        using var client = new ProxyClient(Cluster.Gateways, LocalCluster.ProxyKey);
        await fixture.Fake.ClearRequestsAsync();
        await fixture.Fake.PatchAsync(throttled.AccessKeyId, """{"throttleAlways":true}""");
        try
        {
            // Through gateway 1 until the pool picks the throttled key (about one request per credential).
            var viaGateway1 = new List<RequestRecord>();
            FakeRequest? throttle = null;
            while (throttle is null && viaGateway1.Count < 40)
            {
                viaGateway1.Add(await client.SendAsync(0, stream: false, "throttle drill, gateway 1"));
                throttle = (await fixture.Fake.RequestsAsync())
                    .FirstOrDefault(r => r.AccessKeyId == throttled.AccessKeyId && r.ErrorType == "ThrottlingException");
            }

            Assert.NotNull(throttle);
            var throttledAt = throttle.CompletedAt ?? throttle.StartedAt;

            // At once through gateway 2: 4 clients × 6 requests.
            var gateway2Started = DateTimeOffset.UtcNow;
            var viaGateway2 = (await Task.WhenAll(Enumerable.Range(0, 4).Select(async c =>
            {
                var records = new List<RequestRecord>();
                for (var n = 0; n < 6; n++)
                {
                    records.Add(await client.SendAsync(1, stream: n % 2 == 1, $"throttle drill, gateway 2, client {c}"));
                }

                return records;
            }))).SelectMany(r => r).ToList();
            var gateway2Finished = DateTimeOffset.UtcNow;

            await using var diagnostics = await ClusterDiagnostics.ConnectAsync(Cluster);
            var lockedUntil = (await diagnostics.CredentialsAsync())[throttled.Masked].Families.Single(f => f.Family == Family).LockedUntil;
            var invocations = (await fixture.Fake.RequestsAsync()).Where(r => r.IsInvocation).ToList();
            var throttledKeyDuringLockout = invocations.Count(r =>
                r.AccessKeyId == throttled.AccessKeyId && r.StartedAt > throttledAt && r.StartedAt < throttledAt + Lockout);
            var otherKeysDuringGateway2 = invocations.Count(r => r.AccessKeyId != throttled.AccessKeyId && r.StartedAt >= gateway2Started);

            report.Add("requests through gateway 1 until the key was throttled", $"{viaGateway1.Count} ({viaGateway1.Count(r => r.Ok)} succeeded)");
            report.Add("throttle seen by Bedrock → gateway 2's first request", gateway2Started - throttledAt);
            report.Add("requests through gateway 2 (sent / succeeded)", $"{viaGateway2.Count} / {viaGateway2.Count(r => r.Ok)}");
            report.Add("gateway 2's requests done within", gateway2Finished - gateway2Started);
            report.Add("Bedrock calls with the throttled key during its lockout", $"{throttledKeyDuringLockout}");
            report.Add("Bedrock calls with other keys while gateway 2 ran", $"{otherKeysDuringGateway2}");
            report.Add("lockout recorded by the credential grain", $"until {lockedUntil:HH:mm:ss.fff} ({(lockedUntil - throttledAt)?.TotalSeconds:0.0} s after the throttle)");
            report.Publish();

            Assert.All(viaGateway1.Concat(viaGateway2), r => Assert.True(r.Ok, r.Error));
            Assert.True(gateway2Finished - throttledAt < Lockout, "gateway 2's requests did not all fall inside the lockout");
            Assert.Equal(0, throttledKeyDuringLockout);
            Assert.True(otherKeysDuringGateway2 >= viaGateway2.Count);
            Assert.True(lockedUntil > throttledAt);
        }
        finally
        {
            await fixture.Fake.PatchAsync(throttled.AccessKeyId, """{"throttleAlways":false}""");
        }
    }
}
