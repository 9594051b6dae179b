using System.Net;
using System.Text.Json;

namespace OrleansProxy.Gateway.Tests.Admin;

/// <summary>The credential listing filters and pages in the pool, then shows each page's full state.</summary>
[Collection(AdminCollection.Name)]
public sealed class AdminPagingTests(AdminGatewayFixture fixture)
{
    private static List<string> Ids(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("descriptor").GetProperty("id").GetString()!)];

    private async Task<JsonElement> GetAsync(string query)
    {
        using var admin = fixture.CreateAdminClient();
        return JsonDocument.Parse(await admin.GetStringAsync("/admin/api/credentials?" + query)).RootElement;
    }

    [Fact]
    public async Task Paging_WalksEveryCredentialOfARegionOnce_InRegistrationOrder()
    {
        var credentials = Enumerable.Range(0, 23).Select(_ => fixture.NewCredential("eu-central-1")).ToArray();
        var (status, _) = await fixture.AddAsync(credentials);
        Assert.Equal(HttpStatusCode.Created, status);

        var pages = new List<JsonElement>();
        for (var offset = 0; offset < 30; offset += 10)
        {
            pages.Add(await GetAsync($"region=eu-central-1&offset={offset}&limit=10"));
        }

        Assert.All(pages, p => Assert.Equal(23, p.GetProperty("total").GetInt32()));
        Assert.Equal([10, 10, 3], pages.Select(p => p.GetProperty("items").GetArrayLength()));
        Assert.Equal([0, 10, 20], pages.Select(p => p.GetProperty("offset").GetInt32()));
        Assert.Equal(credentials.Select(c => c.Id), pages.SelectMany(Ids));
        Assert.All(pages.SelectMany(p => p.GetProperty("items").EnumerateArray()), i => Assert.Equal("eu-central-1", i.GetProperty("descriptor").GetProperty("region").GetString()));
        var beyond = await GetAsync("region=eu-central-1&offset=100&limit=10");
        Assert.Equal(23, beyond.GetProperty("total").GetInt32());
        Assert.Empty(Ids(beyond));
    }

    [Fact]
    public async Task Filters_ByStatusRegionAndFamily()
    {
        var active = new[] { fixture.NewCredential("ap-southeast-2"), fixture.NewCredential("ap-southeast-2") };
        var revoked = fixture.NewCredential("ap-southeast-2");
        var noHaiku = fixture.NewCredential("ap-southeast-2");
        fixture.Bedrock.Credential(revoked.AccessKeyId).Revoked = true;
        fixture.Bedrock.Credential(noHaiku.AccessKeyId).DeniedModels.Add("anthropic.claude-3-haiku");
        await fixture.AddAsync([.. active, revoked, noHaiku]);
        await fixture.WaitForPoolAsync(p => p.ByStatus.GetValueOrDefault(Credentials.CredentialStatus.Revoked) >= 1);

        var byRegion = await GetAsync("region=ap-southeast-2");
        var revokedOnly = await GetAsync("region=ap-southeast-2&status=Revoked");
        var activeOnly = await GetAsync("region=ap-southeast-2&status=active");
        var withHaiku = await GetAsync("region=ap-southeast-2&family=claude-3-haiku");
        var otherRegion = await GetAsync("region=sa-east-1");

        Assert.Equal(4, byRegion.GetProperty("total").GetInt32());
        Assert.Equal([revoked.Id], Ids(revokedOnly));
        Assert.Equal("Revoked", revokedOnly.GetProperty("items")[0].GetProperty("status").GetString());
        Assert.Equal([.. active.Select(c => c.Id), noHaiku.Id], Ids(activeOnly));
        Assert.Equal(active.Select(c => c.Id), Ids(withHaiku));
        Assert.Equal(0, otherRegion.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("status=Sleeping")]
    [InlineData("status=7")]
    [InlineData("family=claude-99")]
    [InlineData("offset=-1")]
    [InlineData("offset=abc")]
    [InlineData("limit=0")]
    [InlineData("limit=501")]
    public async Task BadParameters_Answer400(string query)
    {
        using var admin = fixture.CreateAdminClient();

        using var response = await admin.GetAsync("/admin/api/credentials?" + query);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(query.Split('=')[0], body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DefaultPage_Has50AtMost_AndEnumsAreNames()
    {
        var page = await GetAsync("");

        Assert.Equal(50, page.GetProperty("limit").GetInt32());
        Assert.True(page.GetProperty("items").GetArrayLength() <= 50);
        var first = page.GetProperty("items")[0];
        Assert.Equal(JsonValueKind.String, first.GetProperty("status").ValueKind);
        Assert.Equal(JsonValueKind.String, first.GetProperty("families")[0].GetProperty("access").ValueKind);
    }
}
