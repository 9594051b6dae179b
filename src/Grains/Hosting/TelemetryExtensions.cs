using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace OrleansProxy.Hosting;

/// <summary>
/// OpenTelemetry metrics shared by the Silo and the Gateway, scraped by Prometheus at <c>/metrics</c>: Orleans' own
/// meters, ASP.NET Core, the .NET runtime, and whatever meters the host adds. Labels carry no secret, key or
/// credential id: the proxy's instruments count by family, status and error type only.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>The scrape path.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Every meter Orleans publishes (<c>Microsoft.Orleans</c> and its sub-meters).</summary>
    public const string OrleansMeters = "Microsoft.Orleans*";

    /// <summary>
    /// ASP.NET Core's own meters (request duration and active requests; Kestrel's connections). Added by name rather than
    /// through OpenTelemetry's ASP.NET Core instrumentation, which adds the same meters plus a wrapper around every
    /// request that only restates the error type ASP.NET Core already records.
    /// </summary>
    public static readonly string[] AspNetCoreMeters = ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];

    /// <summary>Collects the shared meters plus <paramref name="extraMeters"/> and exports them for Prometheus.</summary>
    public static IHostApplicationBuilder AddProxyTelemetry(this IHostApplicationBuilder builder, params string[] extraMeters)
    {
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
            .WithMetrics(metrics => metrics
                .AddMeter(OrleansMeters)
                .AddMeter(GrainCallCounter.MeterName)
                .AddMeter(extraMeters)
                .AddMeter(AspNetCoreMeters)
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        return builder;
    }

    /// <summary>Maps the Prometheus scrape endpoint at <see cref="MetricsPath"/>.</summary>
    public static IEndpointRouteBuilder MapProxyTelemetry(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath);
        return endpoints;
    }
}
