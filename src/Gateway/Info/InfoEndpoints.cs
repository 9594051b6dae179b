using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansProxy.Gateway.Auth;
using OrleansProxy.Gateway.Endpoints;
using OrleansProxy.Gateway.Forwarding;
using OrleansProxy.Gateway.Hosting;
using OrleansProxy.Hosting;
using OrleansProxy.Usage;

namespace OrleansProxy.Gateway.Info;

/// <summary>The info page, its JSON, and the liveness and readiness probes.</summary>
public static class InfoEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Maps <c>/</c> (GET and HEAD), HEAD on the API root, <c>/api/info</c>, <c>/healthz</c> and <c>/readyz</c>.</summary>
    public static IEndpointRouteBuilder MapInfoApi(this IEndpointRouteBuilder endpoints)
    {
        var started = TimeProvider.System.GetTimestamp();
        endpoints.MapGet("/", async (HttpContext http, PoolSnapshotCache pool, RequestQueue queue, Gatekeeper auth, GatewayMode mode, PriceTable prices) =>
                Results.Content(InfoPage.Render(await BuildAsync(http, pool, queue, auth, mode, prices, started)), "text/html; charset=utf-8"))
            .WithName("InfoPage").WithSummary("Human-readable pool status");
        endpoints.MapGet("/api/info", async (HttpContext http, PoolSnapshotCache pool, RequestQueue queue, Gatekeeper auth, GatewayMode mode, PriceTable prices) =>
                Results.Json(await BuildAsync(http, pool, queue, auth, mode, prices, started), Json))
            .WithName("InfoJson").WithSummary("Pool status as JSON");
        // Clients and load balancers probe with HEAD (Claude Code checks its base URL so): 200, no body, no key needed.
        endpoints.MapMethods("/", [HttpMethods.Head], () => Results.Ok()).WithName("InfoHead");
        endpoints.MapMethods(ProxyEndpoints.BasePath, [HttpMethods.Head], () => Results.Ok()).WithName("ApiRootHead");
        endpoints.MapMethods(ProxyEndpoints.BasePath + "/v1", [HttpMethods.Head], () => Results.Ok()).WithName("ApiRootV1Head");
        endpoints.MapGet("/healthz", () => Results.Text("ok")).WithName("Liveness");
        endpoints.MapGet("/readyz", async (PoolSnapshotCache pool, CancellationToken cancellationToken) =>
            {
                try
                {
                    await pool.GetAsync(cancellationToken);
                    return Results.Text("ready");
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    return Results.Text($"the key pool did not answer ({exception.GetType().Name})", statusCode: StatusCodes.Status503ServiceUnavailable);
                }
            })
            .WithName("Readiness");
        return endpoints;
    }

    private static async Task<InfoReport> BuildAsync(
        HttpContext http, PoolSnapshotCache pool, RequestQueue queue, Gatekeeper auth, GatewayMode mode, PriceTable prices, long started)
    {
        var snapshot = await pool.GetAsync(http.RequestAborted);
        var baseUrl = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{ProxyEndpoints.BasePath}";
        return InfoReport.Build(
            snapshot,
            new InfoEndpointUrls(baseUrl, baseUrl + "/v1"),
            TimeProvider.System.GetElapsedTime(started),
            mode.Name,
            auth.IsOpen,
            queue.Waiting,
            queue.EstimatedWait,
            prices) with
        {
            Gatekeeper = auth.Mode switch { Auth.GatekeeperMode.UserToken => "user_token", Auth.GatekeeperMode.ProxyKey => "proxy_key", _ => "none" },
        };
    }
}
