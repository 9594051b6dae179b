namespace OrleansProxy.Hosting;

/// <summary>
/// How a node joins the cluster, read from the operator-facing variables <c>ORLEANS_REDIS</c>,
/// <c>ORLEANS_CLUSTER_ID</c>, <c>ORLEANS_SERVICE_ID</c>, <c>ORLEANS_SILO_PORT</c>, <c>ORLEANS_GATEWAY_PORT</c>
/// and <c>ORLEANS_ADVERTISED_IP</c>.
/// </summary>
public sealed record ProxyClusterOptions(
    string? Redis,
    string ClusterId,
    string ServiceId,
    int SiloPort,
    int GatewayPort,
    string? AdvertisedIp)
{
    /// <summary>Default silo-to-silo port.</summary>
    public const int DefaultSiloPort = 11111;

    /// <summary>Default client gateway port.</summary>
    public const int DefaultGatewayPort = 30000;

    /// <summary>Whether the node runs in cluster mode (Redis membership and storage).</summary>
    public bool IsCluster => !string.IsNullOrWhiteSpace(Redis);

    /// <summary>Reads the variables from configuration.</summary>
    public static ProxyClusterOptions FromConfiguration(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var clusterId = Nonblank(configuration["ORLEANS_CLUSTER_ID"]) ?? "orleans-proxy";
        return new ProxyClusterOptions(
            Nonblank(configuration["ORLEANS_REDIS"]),
            clusterId,
            Nonblank(configuration["ORLEANS_SERVICE_ID"]) ?? clusterId,
            Port(configuration["ORLEANS_SILO_PORT"], DefaultSiloPort, "ORLEANS_SILO_PORT"),
            Port(configuration["ORLEANS_GATEWAY_PORT"], DefaultGatewayPort, "ORLEANS_GATEWAY_PORT"),
            Nonblank(configuration["ORLEANS_ADVERTISED_IP"]));
    }

    private static string? Nonblank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static int Port(string? value, int fallback, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        return int.TryParse(value, out var port) && port is > 0 and < 65536
            ? port
            : throw new InvalidOperationException($"{name} must be a TCP port number (1-65535).");
    }
}
