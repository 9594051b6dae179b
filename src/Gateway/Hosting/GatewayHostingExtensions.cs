using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansProxy.Bedrock;
using OrleansProxy.Gateway.Auth;
using OrleansProxy.Gateway.Forwarding;
using OrleansProxy.Gateway.Info;
using OrleansProxy.Gateway.Telemetry;
using OrleansProxy.Hosting;

namespace OrleansProxy.Gateway.Hosting;

/// <summary>Gateway wiring: standalone (co-hosted silo) or a pure Orleans client of a Redis cluster.</summary>
public static class GatewayHostingExtensions
{
    /// <summary>
    /// With <c>ORLEANS_REDIS</c> set, joins the cluster as a client (hosting no grains; Orleans reconnects as
    /// silos come and go). Without it, hosts a silo in-process with localhost clustering and in-memory state.
    /// </summary>
    public static WebApplicationBuilder AddProxyGateway(this WebApplicationBuilder builder)
    {
        var cluster = ProxyClusterOptions.FromConfiguration(builder.Configuration);
        if (cluster.IsCluster)
        {
            builder.UseOrleansClient(client =>
            {
                var redis = SiloHostingExtensions.RedisConfiguration(cluster.Redis!);
                client.UseRedisClustering(o => o.ConfigurationOptions = redis.Clone());
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = cluster.ClusterId;
                    o.ServiceId = cluster.ServiceId;
                });
                client.Configure<Orleans.Configuration.GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
            });

            // A call in flight to a silo that crashes is never answered: GrainCallTimeout bounds how long it waits
            // before GrainCalls retries it on the survivors.
            builder.Services.AddOptions<ClientMessagingOptions>()
                .Configure<IOptions<GatewayOptions>>((messaging, gateway) => messaging.ResponseTimeout = gateway.Value.GrainCallTimeout);
        }
        else
        {
            builder.AddProxySilo();
        }

        builder.Services.AddSingleton(new GatewayMode(cluster.IsCluster ? "cluster" : "standalone"));
        builder.Services.AddOptions<GatewayOptions>()
            .BindConfiguration(GatewayOptions.SectionName)
            .PostConfigure(o => o.ProxyKey = string.IsNullOrEmpty(builder.Configuration["PROXY_KEY"]) ? o.ProxyKey : builder.Configuration["PROXY_KEY"])
            .PostConfigure(o => o.ModelAliases = string.IsNullOrWhiteSpace(builder.Configuration["MODEL_ALIASES"]) ? o.ModelAliases : builder.Configuration["MODEL_ALIASES"])
            .PostConfigure(o => o.BetasAdd = builder.Configuration["BETAS_ADD"] ?? o.BetasAdd)
            .PostConfigure(o => o.BetasRemove = builder.Configuration["BETAS_REMOVE"] ?? o.BetasRemove)
            .PostConfigure(o => o.FieldRules = builder.Configuration["FIELDS"] ?? o.FieldRules)
            .PostConfigure(o => o.Gatekeeper = builder.Configuration["GATEKEEPER"] ?? o.Gatekeeper)
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton(_ => BedrockEndpoints.FromConfiguration(key => builder.Configuration[key]));
        builder.Services.AddPriceTable(builder.Configuration);
        builder.Services.AddSingleton<ProxyMetrics>();
        builder.Services.AddSingleton<UpstreamClient>();
        builder.Services.AddSingleton<InvokeUris>();
        builder.Services.AddSingleton<RequestQueue>();
        builder.Services.AddSingleton<CredentialLeaser>();
        builder.Services.AddSingleton<UpstreamStreamer>();
        builder.Services.AddSingleton<GrainReferences>();
        builder.Services.AddSingleton<OutcomeReporter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutcomeReporter>());
        builder.Services.AddSingleton<BedrockForwarder>();
        builder.Services.AddSingleton<TokenCounting.TokenCounter>();
        builder.Services.AddSingleton<PoolSnapshotCache>();
        builder.Services.AddSingleton<ServableModelsCache>();
        builder.Services.AddSingleton<Gatekeeper>();
        builder.Services.AddSingleton<TokenDirectoryCache>();
        builder.Services.AddSingleton<Users.UserMetrics>();
        builder.Services.AddSingleton<Users.UserUsageReporter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Users.UserUsageReporter>());
        builder.Services.AddSingleton<Users.UserAdmission>();
        builder.Services.AddSingleton<PoolMetrics>();
        builder.Services.AddHostedService<PoolSnapshotRefresher>();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        return builder;
    }
}
