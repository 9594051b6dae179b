using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansProxy.Cluster.Tests.Load;
using OrleansProxy.Cluster.Tests.Topology;

namespace OrleansProxy.Cluster.Tests.Drills;

/// <summary>
/// An operator adds a credential through one gateway: the other gateway sees it at once, a change made there holds
/// cluster-wide, and after every silo restarts the credential is back with the change still in force and signs with
/// its secret decrypted from Redis. The secret is never in Redis in clear text.
/// </summary>
public sealed partial class FailureDrills
{
    [Fact, DrillOrder(6)]
    public async Task RuntimeCredential_AddedThroughOneGateway_HoldsClusterWideAndSurvivesRestart()
    {
        await Cluster.EnsureRunningAsync();
        var report = new DrillReport("6. A credential added at run time, across gateways and a restart of every silo", output);
        var added = new DrillCredential("AKIADRILLRUNTIME0001", "drill/runtime+secret/0123456789abcdefghij", "us-east-1");
        using (var fake = new FakeBedrockControl(Cluster.FakeBedrock))
        {
            await fake.PatchAsync(added.AccessKeyId, $$"""{"secretAccessKey":"{{added.Secret}}","region":"{{added.Region}}"}""");
        }

        using var admin = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        admin.DefaultRequestHeaders.Add("x-admin-key", LocalCluster.AdminKey);
        var started = Stopwatch.GetTimestamp();
        using var response = await admin.PostAsJsonAsync(new Uri(Cluster.Gateways[0], "/admin/api/credentials"), new { credentials = added.Entry });
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var snapshot = body.GetProperty("credentials").EnumerateArray().Single();
        var id = snapshot.GetProperty("descriptor").GetProperty("id").GetString()!;
        Assert.Equal("Active", snapshot.GetProperty("status").GetString());
        report.Add("added through gateway 1 → checked and active", Stopwatch.GetElapsedTime(started));

        var seenByOther = await GetAsync(admin, 1, id);
        Assert.Equal("Active", seenByOther.GetProperty("status").GetString());
        using (var disable = await admin.PostAsJsonAsync(new Uri(Cluster.Gateways[1], $"/admin/api/credentials/{id}/disable"), new { reason = "drill" }))
        {
            Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        }

        Assert.True((await GetAsync(admin, 0, id)).GetProperty("disabled").GetBoolean());
        report.Add("gateway 2 sees it, disables it; gateway 1 sees it disabled", $"yes");

        var down = Stopwatch.GetTimestamp();
        Cluster.KillSilo(0);
        Cluster.KillSilo(1);
        await Task.WhenAll(Cluster.StartSiloAsync(0), Cluster.StartSiloAsync(1));
        JsonElement afterRestart = default;
        await Eventually.TrueAsync(
            async () =>
            {
                afterRestart = await GetAsync(admin, 0, id);
                return afterRestart.GetProperty("lastCheckAt").ValueKind != JsonValueKind.Null
                    && afterRestart.GetProperty("status").GetString() == "Active";
            },
            TimeSpan.FromSeconds(60),
            "the runtime credential to be back after the silos restarted");
        Assert.True(afterRestart.GetProperty("disabled").GetBoolean());
        Assert.Equal("Runtime", afterRestart.GetProperty("descriptor").GetProperty("source").GetString());
        report.Add("silos killed → credential back from Redis, still disabled", Stopwatch.GetElapsedTime(down));

        using (var enable = await admin.PostAsync(new Uri(Cluster.Gateways[0], $"/admin/api/credentials/{id}/enable"), null))
        {
            Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
        }

        using var client = new ProxyClient(Cluster.Gateways, LocalCluster.ProxyKey);
        using var control = new FakeBedrockControl(Cluster.FakeBedrock);
        await Eventually.TrueAsync(
            async () =>
            {
                await Task.WhenAll(Enumerable.Range(0, 8).Select(n => client.SendAsync(n % 2, false, "runtime drill")));
                return (await control.RequestsAsync()).Any(r => r.IsInvocation && r.AccessKeyId == added.AccessKeyId && r.StatusCode == 200);
            },
            TimeSpan.FromSeconds(60),
            "a request to be served by the re-enabled runtime credential");
        // New silo processes: signing needs the secret decrypted from the grain state in Redis.
        report.Add("re-enabled → signs with its secret decrypted from Redis and serves requests", $"yes");

        var secret = Encoding.UTF8.GetBytes(added.Secret);
        var redisFiles = Directory.EnumerateFiles(Path.Combine(Cluster.Folder, "redis"), "*", SearchOption.AllDirectories).ToList();
        var hits = redisFiles.Count(f => File.ReadAllBytes(f).AsSpan().IndexOf(secret) >= 0);
        report.Add("Redis files scanned for the secret in clear text (hits)", $"{redisFiles.Count} ({hits})");
        Assert.NotEmpty(redisFiles);
        Assert.Equal(0, hits);
        report.Publish();
    }

    private async Task<JsonElement> GetAsync(HttpClient admin, int gateway, string id)
    {
        using var response = await admin.GetAsync(new Uri(Cluster.Gateways[gateway], $"/admin/api/credentials/{id}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
