using System.Net;
using System.Text.Json;

namespace OrleansProxy.Gateway.Tests.Admin;

/// <summary>Without CREDENTIAL_ENCRYPTION_KEY on the silos, adding a credential is refused with a clear error.</summary>
[Collection(NoEncryptionKeyCollection.Name)]
public sealed class EncryptionKeyMissingTests(NoEncryptionKeyGatewayFixture fixture)
{
    [Fact]
    public async Task Add_WithoutEncryptionKey_409NamingTheSetting_AndNothingAdded()
    {
        var credential = fixture.NewCredential();

        var (status, body) = await fixture.AddAsync(credential);
        using var admin = fixture.CreateAdminClient();
        using var fetched = await admin.GetAsync($"/admin/api/credentials/{credential.Id}");
        var pool = await fixture.Pool.GetSnapshotAsync();

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("encryption_key_missing", body.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("CREDENTIAL_ENCRYPTION_KEY", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(credential.SecretAccessKey, body.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, fetched.StatusCode);
        Assert.Equal(fixture.Keys.Count, pool.Credentials);
        Assert.DoesNotContain(fixture.Logs.Records, r => r.AllText().Contains(credential.SecretAccessKey, StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Logs.Records, r => r.AllText().Contains(credential.AccessKeyId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Summary_StillWorksWithoutEncryptionKey()
    {
        using var admin = fixture.CreateAdminClient();

        var summary = JsonDocument.Parse(await admin.GetStringAsync("/admin/api/summary")).RootElement;

        Assert.Equal(fixture.Keys.Count, summary.GetProperty("pool").GetProperty("credentials").GetInt32());
    }
}
