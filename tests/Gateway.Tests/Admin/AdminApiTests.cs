using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OrleansProxy.Gateway.Admin;

namespace OrleansProxy.Gateway.Tests.Admin;

/// <summary>Runtime credential management through the admin API, end to end against the fake Bedrock.</summary>
[Collection(AdminCollection.Name)]
public sealed class AdminApiTests(AdminGatewayFixture fixture)
{
    private static string Id(JsonElement snapshot) => snapshot.GetProperty("descriptor").GetProperty("id").GetString()!;

    private async Task<int> UsableCountAsync() =>
        (await fixture.Pool.GetSnapshotAsync()).Families.Single(f => f.Family == "claude-3-haiku").Usable;

    [Fact]
    public async Task Add_CredentialIsCheckedAndServesRequests()
    {
        var credential = fixture.NewCredential();

        var (status, body) = await fixture.AddAsync(credential);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(1, body.GetProperty("added").GetInt32());
        var snapshot = body.GetProperty("credentials").EnumerateArray().Single();
        Assert.Equal(credential.Id, Id(snapshot));
        Assert.Equal("Active", snapshot.GetProperty("status").GetString());
        Assert.Equal("Runtime", snapshot.GetProperty("descriptor").GetProperty("source").GetString());
        Assert.Equal("Off", snapshot.GetProperty("logging").GetString());
        Assert.Equal(credential.MaskedAccessKeyId, snapshot.GetProperty("descriptor").GetProperty("maskedAccessKeyId").GetString());
        await fixture.WaitForPoolAsync(p => p.Families.Single(f => f.Family == "claude-3-haiku").Usable >= fixture.Keys.Count + 1);
        Assert.True(await fixture.ServedByAsync(credential, await UsableCountAsync() + 1), "the added key never served a request");
    }

    [Fact]
    public async Task Disable_NeverLeased_Enable_LeasedAgain()
    {
        var credential = fixture.NewCredential();
        await fixture.AddAsync(credential);
        using var admin = fixture.CreateAdminClient();
        var disabledBefore = (await fixture.Pool.GetSnapshotAsync()).Disabled;

        using var disabled = await admin.PostAsJsonAsync($"/admin/api/credentials/{credential.Id}/disable", new { reason = "rotating it" });
        var snapshot = JsonDocument.Parse(await disabled.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.True(snapshot.GetProperty("disabled").GetBoolean());
        Assert.False(snapshot.GetProperty("usable").GetBoolean());
        Assert.Equal("rotating it", snapshot.GetProperty("disabledReason").GetString());
        await fixture.WaitForPoolAsync(p => p.Disabled == disabledBefore + 1);
        Assert.False(await fixture.ServedByAsync(credential, 2 * (await UsableCountAsync() + 1)), "a disabled key served a request");

        using var enabled = await admin.PostAsync($"/admin/api/credentials/{credential.Id}/enable", null);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.False(JsonDocument.Parse(await enabled.Content.ReadAsStringAsync()).RootElement.GetProperty("disabled").GetBoolean());
        var fetched = JsonDocument.Parse(await admin.GetStringAsync($"/admin/api/credentials/{credential.Id}")).RootElement;
        Assert.False(fetched.GetProperty("disabled").GetBoolean());
        await fixture.WaitForPoolAsync(p => p.Disabled == disabledBefore);
        Assert.True(await fixture.ServedByAsync(credential, await UsableCountAsync() + 1), "the re-enabled key never served a request");
    }

    [Fact]
    public async Task Recheck_FollowsTheFakesBehaviour()
    {
        var credential = fixture.NewCredential();
        await fixture.AddAsync(credential);
        using var admin = fixture.CreateAdminClient();

        fixture.Bedrock.Credential(credential.AccessKeyId).Revoked = true;
        using var revoked = await admin.PostAsync($"/admin/api/credentials/{credential.Id}/recheck", null);
        var afterRevoke = JsonDocument.Parse(await revoked.Content.ReadAsStringAsync()).RootElement;
        fixture.Bedrock.Credential(credential.AccessKeyId).Reset();
        fixture.Bedrock.Credential(credential.AccessKeyId).Logging = Testing.FakeBedrock.Behaviour.FakeLoggingMode.Enabled;
        using var logged = await admin.PostAsync($"/admin/api/credentials/{credential.Id}/recheck", null);
        var afterLogging = JsonDocument.Parse(await logged.Content.ReadAsStringAsync()).RootElement;
        fixture.Bedrock.Credential(credential.AccessKeyId).Reset();
        using var active = await admin.PostAsync($"/admin/api/credentials/{credential.Id}/recheck", null);
        var afterReset = JsonDocument.Parse(await active.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal("Revoked", afterRevoke.GetProperty("status").GetString());
        Assert.Equal("LoggingEnabled", afterLogging.GetProperty("status").GetString());
        Assert.Equal("On", afterLogging.GetProperty("logging").GetString());
        Assert.False(afterLogging.GetProperty("usable").GetBoolean());
        Assert.Equal("Active", afterReset.GetProperty("status").GetString());
        Assert.True(afterReset.GetProperty("usable").GetBoolean());
    }

    [Fact]
    public async Task Retire_GoneFromThePoolAndTheInfoCounts()
    {
        var credential = fixture.NewCredential("us-west-2");
        await fixture.AddAsync(credential);
        using var admin = fixture.CreateAdminClient();
        var before = (await fixture.Pool.GetSnapshotAsync()).Credentials;
        Assert.Equal(before, await InfoCountAsync(admin, before));

        using var retired = await admin.DeleteAsync($"/admin/api/credentials/{credential.Id}");
        await fixture.WaitForPoolAsync(p => p.Credentials == before - 1);
        var after = await InfoCountAsync(admin, before - 1);
        using var fetched = await admin.GetAsync($"/admin/api/credentials/{credential.Id}");
        var listed = JsonDocument.Parse(await admin.GetStringAsync("/admin/api/credentials?region=us-west-2&limit=500")).RootElement;
        using var again = await admin.DeleteAsync($"/admin/api/credentials/{credential.Id}");

        Assert.Equal(HttpStatusCode.NoContent, retired.StatusCode);
        Assert.Equal(before - 1, after);
        Assert.Equal(HttpStatusCode.NotFound, fetched.StatusCode);
        Assert.DoesNotContain(listed.GetProperty("items").EnumerateArray(), i => Id(i) == credential.Id);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.False(await fixture.ServedByAsync(credential, await UsableCountAsync() + 1));
    }

    /// <summary>The info page's credential count once it shows <paramref name="expected"/> (it caches the pool for a second).</summary>
    private static async Task<int> InfoCountAsync(HttpClient client, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var count = JsonDocument.Parse(await client.GetStringAsync("/api/info")).RootElement.GetProperty("credentials").GetInt32();
            if (count == expected || DateTime.UtcNow > deadline)
            {
                return count;
            }

            await Task.Delay(100);
        }
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("DELETE", "")]
    [InlineData("POST", "/disable")]
    [InlineData("POST", "/enable")]
    [InlineData("POST", "/recheck")]
    public async Task UnknownId_Answers404(string method, string suffix)
    {
        using var admin = fixture.CreateAdminClient();
        foreach (var id in new[] { "0123456789ab", "not-an-id" })
        {
            using var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/admin/api/credentials/{id}{suffix}"));
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("not_found_error", body.GetProperty("error").GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task Add_MalformedEntries_400NamingEachPosition_NeverEchoingTheSecret()
    {
        var good = fixture.NewCredential();
        const string secretA = "Secret/Never+Echoed/0123456789abcdefghijk";
        const string secretB = "AnotherSecret/NotShown+0123456789abcdefg";
        var text = string.Join(",",
            $"{good.AccessKeyId}:{good.SecretAccessKey}:{good.Region}",
            $"AKIAMALFORMED0000001:{secretA}",
            $"AKIAMALFORMED0000002:us-east-1:{secretB}",
            $"akia-lower:{secretA}:us-east-1");
        using var admin = fixture.CreateAdminClient();

        using var response = await admin.PostAsJsonAsync("/admin/api/credentials", new { credentials = text });
        var raw = await response.Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(raw).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problems = body.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Equal(3, problems.Count);
        Assert.StartsWith("Entry #2 (AKIA…0001)", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("Entry #3 (AKIA…0002)", problems[1], StringComparison.Ordinal);
        Assert.StartsWith("Entry #4", problems[2], StringComparison.Ordinal);
        foreach (var secret in new[] { secretA, secretB, good.SecretAccessKey, "AKIAMALFORMED0000001", good.AccessKeyId })
        {
            Assert.DoesNotContain(secret, raw, StringComparison.Ordinal);
        }

        using var notAdded = await admin.GetAsync($"/admin/api/credentials/{good.Id}");
        Assert.Equal(HttpStatusCode.NotFound, notAdded.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"credentials\":42}")]
    [InlineData("{\"credentials\":\" , \"}")]
    public async Task Add_BadBody_Answers400(string json)
    {
        using var admin = fixture.CreateAdminClient();

        using var response = await admin.PostAsync("/admin/api/credentials", new StringContent(json, Encoding.UTF8, "application/json"));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", body.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Add_AnEnvironmentKeyAgain_LeavesItUnchanged()
    {
        var (status, body) = await fixture.AddAsync(fixture.Keys[0]);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, body.GetProperty("added").GetInt32());
        Assert.Equal(1, body.GetProperty("unchanged").GetInt32());
        Assert.Equal("Environment", body.GetProperty("credentials")[0].GetProperty("descriptor").GetProperty("source").GetString());
    }

    [Fact]
    public async Task Changes_AreAudited_WithTheKeysFingerprintOnly()
    {
        var credential = fixture.NewCredential();
        await fixture.AddAsync(credential);
        using var admin = fixture.CreateAdminClient();
        using var _ = await admin.PostAsync($"/admin/api/credentials/{credential.Id}/disable", null);
        using var __ = await admin.PostAsync($"/admin/api/credentials/{credential.Id}/enable", null);
        using var ___ = await admin.DeleteAsync($"/admin/api/credentials/{credential.Id}");

        var audit = fixture.Logs.Records
            .Where(r => r.EventId.Id == AdminAudit.ChangeEventId && r.Value("CredentialId") == credential.Id)
            .ToList();
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AdminGatewayFixture.TestAdminKey)))[..8];

        Assert.Equal(["Add", "Disable", "Enable", "Retire"], audit.Select(r => r.Value("Action")));
        Assert.All(audit, r =>
        {
            Assert.Equal(fingerprint, r.Value("AdminKeyFingerprint"));
            Assert.Equal(credential.MaskedAccessKeyId, r.Value("MaskedAccessKeyId"));
            Assert.Equal("127.0.0.1", r.Value("RemoteAddress"));
            Assert.False(string.IsNullOrEmpty(r.Value("At")));
            Assert.DoesNotContain(AdminGatewayFixture.TestAdminKey, r.AllText(), StringComparison.Ordinal);
        });
    }
}
