using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using OrleansProxy.Cluster.Tests.Topology;
using OrleansProxy.Users;

namespace OrleansProxy.Cluster.Tests.Drills;

/// <summary>
/// A user's limits are the user grain's, not a gateway's: two user-token gateways share one requests-per-minute
/// limit exactly, an operator's disable and rotation hold on both at once, and the user's counters (its usage and
/// its minute window) survive kill -9 of the silo that hosts its grain.
/// </summary>
public sealed partial class FailureDrills
{
    [Fact, DrillOrder(7)]
    public async Task UserLimitsHoldAcrossGateways_ChangesHoldAtOnce_CountersSurviveASiloKill()
    {
        var http = await StartUserGatewaysAsync(TimeSpan.FromSeconds(60));
        var report = new DrillReport("7. Users: one limit across two gateways, changes at once, counters through a silo kill", output);
        await using var diagnostics = await ClusterDiagnostics.ConnectAsync(Cluster);
        try
        {
            var (user, _, token) = await CreateUserAsync(diagnostics, new UserLimits(RequestsPerMinute: 10));

            // 30 requests at once, split over both gateways: exactly 10 get through.
            var statuses = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => SendAsync(http[i % 2], token, i)));
            var burst = Stopwatch.StartNew();
            var admitted = statuses.Count(s => s == 200);
            report.Add("requests sent / admitted / 429 (limit 10 per minute)", $"30 / {admitted} / {statuses.Count(s => s == 429)}");
            Assert.Equal(10, admitted);
            Assert.Equal(20, statuses.Count(s => s == 429));

            // Counted usage reaches storage within the flush interval (1 s); then the grain's silo dies.
            await Task.Delay(TimeSpan.FromSeconds(2));
            var before = Requests(await user.GetAsync());
            Assert.Equal(10, before);
            var address = await diagnostics.Client.GetGrain<Orleans.Runtime.IManagementGrain>(0).GetActivationAddress(user);
            var victim = address?.Endpoint.Port == Cluster.SiloPort(1) ? 1 : 0;
            Cluster.KillSilo(victim);
            UserView? after = null;
            var deadline = Stopwatch.StartNew();
            while (after is null && deadline.Elapsed < TimeSpan.FromSeconds(90))
            {
                try
                {
                    after = await user.GetAsync();
                }
                catch (Exception exception) when (exception is OrleansException or TimeoutException)
                {
                    // The call went to the dead silo; the cluster has not declared it dead yet.
                    await Task.Delay(500);
                }
            }

            report.Add("requests counted before / after kill -9 of the user's silo", $"{before} / {Requests(after)}");
            Assert.Equal(before, Requests(after));

            // The minute window came back with the usage: within the burst's minute the new activation still counts
            // its 10 requests and refuses more, through either gateway.
            var sinceBurst = burst.Elapsed;
            Assert.True(sinceBurst < TimeSpan.FromSeconds(50), $"the user's grain took {sinceBurst.TotalSeconds:0} s to come back; the window check needs it inside the burst's minute");
            var again = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => SendAsync(http[i % 2], token, 40 + i)));
            report.Add("requests in the last minute after the kill / 4 more requests get",
                $"{after!.RequestsLastMinute} at {sinceBurst.TotalSeconds:0.0} s after the burst / {string.Join(" ", again)}");
            Assert.Equal(10, after.RequestsLastMinute);
            Assert.All(again, s => Assert.Equal(429, s));

            // An operator disables the user: both gateways refuse it at once; then the token is rotated.
            await user.SetDisabledAsync(true, "drill");
            var stopwatch = Stopwatch.StartNew();
            var disabled = await Task.WhenAll(http.Select((c, i) => SendAsync(c, token, 100 + i)));
            report.Add("after disable, both gateways answer (ms after the change)", $"{string.Join(" / ", disabled)} ({stopwatch.ElapsedMilliseconds})");
            Assert.All(disabled, s => Assert.Equal(401, s));
            await user.SetDisabledAsync(false, null);
            var rotated = token + "-rotated";
            await user.RotateAsync(Hash(rotated));
            stopwatch.Restart();
            var old = await Task.WhenAll(http.Select((c, i) => SendAsync(c, token, 200 + i)));
            report.Add("after rotate, the old token gets (ms after the change)", $"{string.Join(" / ", old)} ({stopwatch.ElapsedMilliseconds})");
            Assert.All(old, s => Assert.Equal(401, s));
            await user.UpdateAsync(new UserSpec("drill", null, null, UserLimits.None, [], []));
            var fresh = await Task.WhenAll(http.Select((c, i) => SendAsync(c, rotated, 300 + i)));
            report.Add("the new token gets", $"{string.Join(" / ", fresh)}");
            Assert.All(fresh, s => Assert.Equal(200, s));
            report.Publish();

            await Cluster.StartSiloAsync(victim);
        }
        finally
        {
            foreach (var client in http)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>Starts both user-token gateways on a whole cluster, and a client for each.</summary>
    private async Task<HttpClient[]> StartUserGatewaysAsync(TimeSpan timeout)
    {
        await Cluster.EnsureRunningAsync();
        await Task.WhenAll(Cluster.StartUserGatewayAsync(0), Cluster.StartUserGatewayAsync(1));
        return [.. Cluster.UserGateways.Select(g => new HttpClient { BaseAddress = g, Timeout = timeout })];
    }

    private static long Requests(UserView? view) =>
        view?.Periods.Single(p => p.Period == UsagePeriod.Total).ByFamily.Values.Sum(u => u.Requests) ?? -1;

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static async Task<int> SendAsync(HttpClient client, string token, int n)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/proxy/aws/claude/v1/messages")
        {
            Content = new StringContent(
                $$"""{"model":"claude-3-haiku-20240307","max_tokens":16,"messages":[{"role":"user","content":"user drill {{n}}"}]}""",
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", token);
        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }
}
