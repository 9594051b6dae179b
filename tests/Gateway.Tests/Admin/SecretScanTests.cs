using System.Net.Http.Json;
using System.Text.Json;
using OrleansProxy.Credentials;

namespace OrleansProxy.Gateway.Tests.Admin;

/// <summary>
/// After a run with several credentials and every kind of admin and metrics activity, no secret, admin key or proxy
/// key appears in any admin response, the dashboard, the metrics or the logs, and no full access key id appears in
/// logs, metrics or admin responses.
/// </summary>
[Collection(AdminCollection.Name)]
public sealed class SecretScanTests(AdminGatewayFixture fixture)
{
    [Fact]
    public async Task NoSecretKeyOrAccessKeyId_InResponsesMetricsDashboardOrLogs()
    {
        await ExerciseEverythingAsync();
        using var client = fixture.CreateClient();
        using var admin = fixture.CreateAdminClient();
        var texts = new List<(string Where, string Text)>
        {
            ("/metrics", await client.GetStringAsync("/metrics")),
            ("/admin", await client.GetStringAsync("/admin")),
            ("/admin/orleans/", await admin.GetStringAsync("/admin/orleans/")),
            ("/api/info", await client.GetStringAsync("/api/info")),
        };
        texts.AddRange(fixture.Responses.Select(r => ("response " + r.Path, r.Body)));
        texts.AddRange(fixture.Logs.Records.Select(r => ($"log {r.Category}[{r.EventId.Id}]", r.AllText())));

        var forbidden = fixture.AllCredentials
            .SelectMany(c => new[] { ("secret of " + c.MaskedAccessKeyId, c.SecretAccessKey), ("access key id " + c.MaskedAccessKeyId, c.AccessKeyId) })
            .Append(("admin key", AdminGatewayFixture.TestAdminKey))
            .Append(("proxy key", AdminGatewayFixture.ProxyKey))
            .Append(("encryption key", AdminGatewayFixture.EncryptionKey))
            .ToList();
        var hits = (from t in texts
                    from f in forbidden
                    where t.Text.Contains(f.Item2, StringComparison.Ordinal)
                    select $"{f.Item1} in {t.Where}").Distinct().ToList();

        Assert.True(fixture.Logs.Records.Count > 100, $"only {fixture.Logs.Records.Count} log entries were captured");
        Assert.True(fixture.Responses.Count > 10, $"only {fixture.Responses.Count} admin responses were captured");
        Assert.Empty(hits);
    }

    private async Task ExerciseEverythingAsync()
    {
        var added = Enumerable.Range(0, 4).Select(i => fixture.NewCredential(i % 2 == 0 ? "us-east-1" : "us-west-2")).ToArray();
        fixture.Bedrock.Credential(added[3].AccessKeyId).Revoked = true;
        var (_, body) = await fixture.AddAsync(added);
        Assert.Equal(4, body.GetProperty("added").GetInt32());
        using var admin = fixture.CreateAdminClient();

        // Malformed entries carrying secrets, a wrong key, and every read and change.
        await admin.PostAsJsonAsync("/admin/api/credentials", new { credentials = $"{added[0].AccessKeyId}:{added[0].SecretAccessKey}" });
        await admin.PostAsJsonAsync("/admin/api/credentials", new { credentials = $"{added[1].AccessKeyId}:us-east-1:{added[1].SecretAccessKey}" });
        using (var wrong = fixture.CreateClient())
        {
            wrong.DefaultRequestHeaders.Add("x-admin-key", AdminGatewayFixture.ProxyKey);
            await wrong.GetAsync("/admin/api/credentials");
        }

        await admin.GetStringAsync("/admin/api/summary");
        await admin.GetStringAsync("/admin/api/credentials?limit=500");
        await admin.GetStringAsync("/admin/api/credentials?status=Revoked");
        foreach (var credential in fixture.AllCredentials.Take(12))
        {
            await admin.GetAsync($"/admin/api/credentials/{credential.Id}");
        }

        await admin.PostAsJsonAsync($"/admin/api/credentials/{added[0].Id}/disable", new { reason = "scan" });
        await admin.PostAsync($"/admin/api/credentials/{added[0].Id}/enable", null);
        await admin.PostAsync($"/admin/api/credentials/{added[1].Id}/recheck", null);
        await admin.PostAsync("/admin/api/session", null);

        // Traffic through the proxy, throttles and a revoked key included, so every log path runs.
        fixture.Bedrock.Credential(added[2].AccessKeyId).ThrottleNext(1);
        await fixture.ServedByAsync(added[2], 8);
        await fixture.ServedByAsync(added[0], 8);
        await admin.DeleteAsync($"/admin/api/credentials/{added[2].Id}");
        await admin.GetStringAsync("/admin/api/credentials?limit=500");
        var snapshot = await fixture.Grains.GetGrain<ICredentialGrain>(added[3].Id).GetSnapshotAsync();
        Assert.Equal(CredentialStatus.Revoked, snapshot.Status);
        _ = JsonSerializer.Serialize(snapshot);
    }
}
