using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using OrleansProxy.Credentials;
using OrleansProxy.Pool;
using StackExchange.Redis;

namespace OrleansProxy.Cluster.Tests.Topology;

/// <summary>
/// An Orleans client of the drill cluster that reads the pool's and every credential's state straight from the grains
/// (there is no admin API to ask). Read-only: it never changes what it looks at.
/// </summary>
public sealed class ClusterDiagnostics : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterDiagnostics(IHost host) => _host = host;

    /// <summary>The diagnostics client, for grains a drill drives directly.</summary>
    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    private IKeyPoolGrain Pool => Client.GetGrain<IKeyPoolGrain>(IKeyPoolGrain.DefaultKey);

    /// <summary>Connects to the cluster (waits for a silo if none is up yet).</summary>
    public static async Task<ClusterDiagnostics> ConnectAsync(LocalCluster cluster)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse($"127.0.0.1:{cluster.RedisPort}"));
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ClusterId;
            });
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
        });
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StartAsync(timeout.Token);
        return new ClusterDiagnostics(host);
    }

    /// <summary>The pool's aggregate view.</summary>
    public Task<PoolSnapshot> PoolAsync() => Pool.GetSnapshotAsync();

    /// <summary>Registered (not retired) credentials.</summary>
    public Task<IReadOnlyList<CredentialDescriptor>> RegisteredAsync() => Pool.GetCredentialsAsync();

    /// <summary>Every registered credential's full state, by masked access key id.</summary>
    public async Task<IReadOnlyDictionary<string, CredentialSnapshot>> CredentialsAsync()
    {
        var registered = await RegisteredAsync();
        var snapshots = await Task.WhenAll(registered.Select(d => Client.GetGrain<ICredentialGrain>(d.Id).GetSnapshotAsync()));
        return snapshots.ToDictionary(s => s.Descriptor.MaskedAccessKeyId, StringComparer.Ordinal);
    }

    /// <summary>One credential's state, read even if it is not registered any more.</summary>
    public Task<CredentialSnapshot> CredentialAsync(string credentialId) => Client.GetGrain<ICredentialGrain>(credentialId).GetSnapshotAsync();

    /// <summary>The silo-to-silo port of the silo hosting the key pool (activating it if needed).</summary>
    public async Task<int?> PoolSiloPortAsync()
    {
        await Pool.GetSnapshotAsync();
        var address = await Client.GetGrain<IManagementGrain>(0).GetActivationAddress(Pool);
        return address?.Endpoint.Port;
    }

    /// <summary>Silo-to-silo ports of the silos the membership table lists as active.</summary>
    public async Task<IReadOnlyList<int>> ActiveSiloPortsAsync()
    {
        var hosts = await Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        return [.. hosts.Keys.Select(s => s.Endpoint.Port).Order()];
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _host.StopAsync(timeout.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or OrleansException)
        {
            // The cluster may be gone already (after a full-restart drill); nothing to close cleanly.
        }

        _host.Dispose();
    }
}
