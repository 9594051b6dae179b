using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Runtime.Hosting;
using OrleansProxy.Bedrock;
using OrleansProxy.Checks;
using OrleansProxy.Credentials;
using OrleansProxy.Persistence;
using StackExchange.Redis;

namespace OrleansProxy.Hosting;

/// <summary>Silo wiring shared by the Silo process, the standalone Gateway and the test clusters.</summary>
public static class SiloHostingExtensions
{
    /// <summary>
    /// Hosts a silo: Redis membership and grain storage when <c>ORLEANS_REDIS</c> is set, else localhost
    /// clustering with in-memory state (standalone).
    /// </summary>
    public static IHostApplicationBuilder AddProxySilo(this IHostApplicationBuilder builder)
    {
        var cluster = ProxyClusterOptions.FromConfiguration(builder.Configuration);
        builder.UseOrleans(silo =>
        {
            if (cluster.IsCluster)
            {
                var redis = RedisConfiguration(cluster.Redis!);
                silo.UseRedisClustering(o => o.ConfigurationOptions = redis.Clone());
                silo.AddRedisGrainStorage(ProxyStorage.Name, o => o.ConfigurationOptions = redis.Clone());
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = cluster.ClusterId;
                    o.ServiceId = cluster.ServiceId;
                });

                // In Kubernetes the pod IP is the address other pods reach; Orleans' Kubernetes hosting publishes it as POD_IP.
                var advertised = cluster.AdvertisedIp
                    ?? (IsTrue(builder.Configuration["ORLEANS_KUBERNETES"]) ? builder.Configuration["POD_IP"] : null);
                silo.ConfigureEndpoints(
                    advertised is { } ip ? IPAddress.Parse(ip) : IPAddress.Loopback,
                    cluster.SiloPort,
                    cluster.GatewayPort,
                    listenOnAnyHostAddress: advertised is not null);
                silo.Services.AddOptions<ClusterMembershipOptions>()
                    .Configure(DetectFailuresQuickly)
                    .BindConfiguration(MembershipSection);
            }
            else
            {
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
                // One silo: its state lives in this process, without a storage grain's hop per write.
                silo.Services.AddGrainStorage(ProxyStorage.Name, (services, _) => ActivatorUtilities.CreateInstance<InProcessGrainStorage>(services));
            }

            silo.AddProxyGrains(builder.Configuration);
        });
        return builder;
    }

    /// <summary>
    /// Configuration section whose keys override the membership (failure detection) settings of a cluster silo, e.g.
    /// <c>Orleans__ClusterMembership__ProbeTimeout=00:00:05</c>.
    /// </summary>
    public const string MembershipSection = "Orleans:ClusterMembership";

    /// <summary>
    /// Parses <c>ORLEANS_REDIS</c> (a StackExchange.Redis connection string). Unless the string says
    /// <c>abortConnect=…</c> itself, a node keeps retrying an unreachable Redis instead of failing at start-up, so silos
    /// and gateways may start before Redis (Compose, Kubernetes). While Redis is unreachable, commands fail at once
    /// instead of queueing for up to the 5 s timeout: Redis holds membership and grain state, not the data path, and a
    /// credential's report write that waits on a dead Redis holds up the gateway's next request on that connection.
    /// </summary>
    public static ConfigurationOptions RedisConfiguration(string connectionString)
    {
        var redis = ConfigurationOptions.Parse(connectionString);
        if (!connectionString.Contains("abortConnect", StringComparison.OrdinalIgnoreCase))
        {
            redis.AbortOnConnectFail = false;
        }

        redis.BacklogPolicy = BacklogPolicy.FailFast;
        // The .NET thread pool instead of the client's own spinning worker threads: those took ~13 % of a busy
        // silo's CPU for a handful of writes per second per credential (every call here is asynchronous).
        redis.SocketManager = SocketManager.ThreadPool;
        return redis;
    }

    /// <summary>
    /// Declares a crashed silo dead within a few seconds instead of the ~10-15 s of Orleans' defaults, so its grains move to
    /// the survivors while the gateways' grain-call retries (~11 s in all, <c>GrainCalls</c>) are still running. A silo
    /// is suspected after 2 missed probes 2 s apart; a killed process refuses connections, so its probes fail at once.
    /// </summary>
    private static void DetectFailuresQuickly(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(2);
        options.NumMissedProbesLimit = 2;
        options.TableRefreshTimeout = TimeSpan.FromSeconds(10);
    }

    /// <summary>Registers what the proxy's grains need: secrets, checks, options, the proxy clock.</summary>
    public static ISiloBuilder AddProxyGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddProxyGrainServices(configuration);
        silo.AddDashboard();
        silo.Services.AddSingleton<CredentialRegistration>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<CredentialRegistration>());
        if (IsTrue(configuration[GrainCallCounter.Setting]))
        {
            silo.AddIncomingGrainCallFilter<GrainCallCounter>();
        }

        return silo;
    }

    /// <summary>The grains' services, without the silo lifecycle hooks (tests add credentials their own way).</summary>
    public static IServiceCollection AddProxyGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddKeyedSingleton(ProxyClock.Key, TimeProvider.System);
        services.AddSingleton<Orleans.Storage.IGrainStorageSerializer, BinaryGrainStorageSerializer>();
        services.AddOptions<CredentialPoolOptions>()
            .BindConfiguration(CredentialPoolOptions.SectionName)
            .PostConfigure(o => o.AllowAwsLogging |= IsTrue(configuration["ALLOW_AWS_LOGGING"]))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CredentialPoolOptions>, CredentialPoolOptionsValidator>());
        services.AddPriceTable(configuration);
        services.AddOptions<Users.UserOptions>()
            .BindConfiguration(Users.UserOptions.SectionName)
            .Validate(o => !o.Validate().Any(), "Users:UsageFlushInterval must be more than 0 and at most 1 minute.")
            .ValidateOnStart();
        services.TryAddSingleton<ICredentialSecretStore>(_ =>
            new EnvironmentCredentialStore(AwsCredentialsParser.Parse(configuration["AWS_CREDENTIALS"])));
        services.TryAddSingleton(_ => BedrockEndpoints.FromConfiguration(key => configuration[key]));
        services.TryAddSingleton(_ => new CredentialSecretProtector(configuration["CREDENTIAL_ENCRYPTION_KEY"]));
        services.AddHttpClient<BedrockChecker>(BedrockChecker.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                UseProxy = false,
                AllowAutoRedirect = false,
                UseCookies = false,
                ConnectTimeout = TimeSpan.FromSeconds(5),
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                // As on the gateway's data path: no unsigned trace-context headers on requests to AWS.
                ActivityHeadersPropagator = null,
            })
            .ConfigureHttpClient(c =>
            {
                // Each call has its own timeout (CheckRequestTimeout). A check reads small JSON answers (the logging
                // configuration, a probe's error): anything past 1 MiB is refused rather than buffered.
                c.Timeout = Timeout.InfiniteTimeSpan;
                c.MaxResponseContentBufferSize = 1024 * 1024;
            });
        return services;
    }

    /// <summary>Reads a boolean environment flag the way operators write it.</summary>
    public static bool IsTrue(string? value) =>
        value is not null && (value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase) || value.Trim() == "1");
}
