using System.Text;
using OrleansProxy.Cluster.Tests.Topology;

namespace OrleansProxy.Cluster.Tests.Drills;

/// <summary>Prompt-cache affinity is the pool's, not a gateway's: a session keeps its credential through either gateway.</summary>
public sealed partial class FailureDrills
{
    [Fact, DrillOrder(0)]
    public async Task SessionPinnedThroughGateway1_KeepsItsCredentialThroughGateway2()
    {
        await Cluster.EnsureRunningAsync();
        var report = new DrillReport("0. A session pinned through gateway 1 keeps its credential through gateway 2", output);
        var session = Guid.NewGuid().ToString();
        var http = Cluster.Gateways.Select(g => new HttpClient { BaseAddress = g, Timeout = TimeSpan.FromSeconds(60) }).ToArray();
        try
        {
            await fixture.Fake.ClearRequestsAsync();
            var statuses = new List<int>();
            // Alternating gateways, one request at a time: without affinity the pool's least-recently-used choice
            // would hand each request to another credential.
            for (var i = 0; i < 8; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/proxy/aws/claude/v1/messages")
                {
                    Content = new StringContent(
                        $$"""{"model":"claude-3-haiku-20240307","max_tokens":16,"messages":[{"role":"user","content":"session drill {{i}}"}]}""",
                        Encoding.UTF8, "application/json"),
                };
                request.Headers.Add("x-api-key", LocalCluster.ProxyKey);
                request.Headers.Add("x-claude-code-session-id", session);
                using var response = await http[i % 2].SendAsync(request);
                statuses.Add((int)response.StatusCode);
            }

            var served = (await fixture.Fake.RequestsAsync()).Where(r => r.IsInvocation && r.StatusCode == 200).ToList();
            report.Add("requests through gateway 1 / gateway 2", $"{statuses.Count / 2} / {statuses.Count - statuses.Count / 2}");
            report.Add("credentials that served them", $"{string.Join(", ", served.Select(r => r.AccessKeyId).Distinct())}");
            report.Publish();

            Assert.All(statuses, s => Assert.Equal(200, s));
            Assert.Equal(8, served.Count);
            Assert.Single(served.Select(r => r.AccessKeyId).Distinct());
        }
        finally
        {
            foreach (var client in http)
            {
                client.Dispose();
            }
        }
    }
}
