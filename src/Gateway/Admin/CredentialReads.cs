using OrleansProxy.Credentials;
using OrleansProxy.Gateway.Auth;
using OrleansProxy.Gateway.Hosting;
using OrleansProxy.Pool;
using OrleansProxy.Usage;

namespace OrleansProxy.Gateway.Admin;

/// <summary>The admin API's reads: the pool summary, a filtered page of credentials, one credential.</summary>
public static class CredentialReads
{
    /// <summary><c>GET /admin/api/summary</c>: the pool's counts, filter choices and warnings.</summary>
    public static async Task<IResult> SummaryAsync(IGrainFactory grains, Gatekeeper proxyKey, GatewayMode mode, PriceTable prices)
    {
        var pool = await grains.GetGrain<IKeyPoolGrain>(IKeyPoolGrain.DefaultKey).GetSnapshotAsync();
        return Results.Json(AdminSummary.Build(pool, proxyKey.IsOpen, mode.Name, prices), AdminJson.Options);
    }

    /// <summary>
    /// <c>GET /admin/api/credentials</c>: the pool filters and pages (<c>status</c>, <c>region</c>, <c>family</c>,
    /// <c>offset</c>, <c>limit</c>), then each credential on the page reports its full state in parallel.
    /// </summary>
    public static async Task<IResult> ListAsync(HttpContext http, IGrainFactory grains)
    {
        var (query, problem) = CredentialListQuery.Parse(http.Request.Query);
        if (query is null)
        {
            return AdminErrors.Invalid(problem!);
        }

        var page = await grains.GetGrain<IKeyPoolGrain>(IKeyPoolGrain.DefaultKey).QueryAsync(query);
        var items = await Task.WhenAll(page.Items.Select(d => grains.GetGrain<ICredentialGrain>(d.Id).GetSnapshotAsync()));
        return Results.Json(new CredentialListing(page.Total, query.Offset, query.Limit, items), AdminJson.Options);
    }

    /// <summary><c>GET /admin/api/credentials/{id}</c>.</summary>
    public static async Task<IResult> GetAsync(string id, IGrainFactory grains) =>
        await CredentialLookup.FindAsync(grains, id) is { } snapshot
            ? Results.Json(snapshot, AdminJson.Options)
            : AdminErrors.NotFound(id);
}
