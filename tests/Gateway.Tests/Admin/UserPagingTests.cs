using System.Net;
using static OrleansProxy.Gateway.Tests.Admin.UserAdminClient;

namespace OrleansProxy.Gateway.Tests.Admin;

/// <summary>Cursor paging through thousands of users visits each exactly once, in id order.</summary>
[Collection(AdminCollection.Name)]
public sealed class UserPagingTests(AdminGatewayFixture fixture)
{
    private const int Users = 3000;

    [Fact]
    public async Task List_PagesThrough3000Users_EachExactlyOnceInIdOrder()
    {
        var tag = "page-" + Guid.NewGuid().ToString("N")[..8];
        var created = new List<string>(Users);
        foreach (var batch in Enumerable.Range(0, Users).Chunk(100))
        {
            created.AddRange((await Task.WhenAll(batch.Select(i => CreateDirectAsync(fixture.Grains, $"{tag} {i}")))).Select(u => u.Id));
        }

        using var admin = fixture.CreateAdminClient();
        var (everyone, everyonePages) = await PageAllAsync(admin, "limit=500");
        var (tagged, taggedPages) = await PageAllAsync(admin, $"limit=137&search={tag}");

        Assert.Equal(everyone.Count, everyone.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(everyone.Order(StringComparer.Ordinal), everyone);
        Assert.Equal(created.Count, everyone.Intersect(created, StringComparer.Ordinal).Count());
        Assert.Equal(created.Order(StringComparer.Ordinal), tagged);
        Assert.Equal((Users + 136) / 137, taggedPages);
        Assert.True(everyonePages >= Users / 500, $"{everyonePages} pages");
    }

    private static async Task<(List<string> Ids, int Pages)> PageAllAsync(HttpClient admin, string query)
    {
        var ids = new List<string>();
        string? after = null;
        var pages = 0;
        int? total = null;
        do
        {
            var (status, body, _) = await SendAsync(admin, HttpMethod.Get, $"/admin/api/users?{query}" + (after is null ? "" : $"&after={after}"));
            Assert.Equal(HttpStatusCode.OK, status);
            pages++;
            ids.AddRange(body.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("id").GetString()!));
            after = body.GetProperty("next").GetString();
            total ??= body.GetProperty("total").GetInt32();
            Assert.True(pages < 1000, "paging never ended");
        }
        while (after is not null);

        Assert.True(ids.Count <= total, $"{ids.Count} rows, total {total}");
        return (ids, pages);
    }
}
