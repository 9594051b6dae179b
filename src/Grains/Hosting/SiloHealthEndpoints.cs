using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orleans.Runtime;

namespace OrleansProxy.Hosting;

/// <summary>Liveness and readiness of a silo process.</summary>
public static class SiloHealthEndpoints
{
    /// <summary>
    /// <c>/healthz</c>: the process answers. <c>/readyz</c>: this silo is an active member of the cluster.
    /// </summary>
    public static IEndpointRouteBuilder MapSiloHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Text("ok")).WithName("SiloLiveness");
        endpoints.MapGet("/readyz", (ISiloStatusOracle oracle) => oracle.CurrentStatus == SiloStatus.Active
                ? Results.Text("ready")
                : Results.Text($"silo is {oracle.CurrentStatus}", statusCode: StatusCodes.Status503ServiceUnavailable))
            .WithName("SiloReadiness");
        return endpoints;
    }
}
