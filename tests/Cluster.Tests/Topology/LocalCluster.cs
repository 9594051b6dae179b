using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using OrleansProxy.Cluster.Tests.Processes;

namespace OrleansProxy.Cluster.Tests.Topology;

/// <summary>
/// The drills' cluster on 127.0.0.1, every node its own process: a persistent Redis, the fake Bedrock, two silos and
/// two gateways, all on free ports. Each node can be killed, stopped and started again; logs and Redis' data are in
/// <see cref="Folder"/>.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    /// <summary>The key clients send to the gateways.</summary>
    public const string ProxyKey = "drill-proxy-key-0001";

    /// <summary>The gateways' ADMIN_KEY.</summary>
    public const string AdminKey = "drill-admin-key-0123456789";

    /// <summary>
    /// The user-token gateways' <c>Gateway__MaxQueueWait</c>: short, so a drill sees a user's queued requests both
    /// admitted (a slot came free in time) and refused with 429 (none did) within seconds.
    /// </summary>
    public static readonly TimeSpan UserGatewayMaxQueueWait = TimeSpan.FromSeconds(4.5);

    /// <summary>The silos' CREDENTIAL_ENCRYPTION_KEY (base64 of 32 bytes).</summary>
    public const string EncryptionKey = "3q2+7wEjRWeJq83vASNFZ4mrze8BI0Vnq83vASNFZ4k=";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly NodeProcess?[] _silos = new NodeProcess?[2];
    private readonly NodeProcess?[] _gateways = new NodeProcess?[2];
    private readonly int[] _siloPorts;
    private readonly int[] _siloGatewayPorts;
    private readonly int[] _siloHttpPorts;
    private readonly int[] _gatewayHttpPorts;
    private readonly int[] _userGatewayHttpPorts;
    private readonly NodeProcess?[] _userGateways = new NodeProcess?[2];
    private NodeProcess? _redis;
    private NodeProcess? _fake;

    /// <summary>Picks ports and a fresh folder; starts nothing yet.</summary>
    public LocalCluster(string folder, IReadOnlyList<DrillCredential> credentials)
    {
        Folder = folder;
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(Path.Combine(folder, "redis"));
        var ports = FreePorts.Take(11);
        RedisPort = ports[0];
        _siloPorts = [ports[1], ports[2]];
        _siloGatewayPorts = [ports[3], ports[4]];
        _siloHttpPorts = [ports[5], ports[6]];
        _gatewayHttpPorts = [ports[7], ports[8]];
        _userGatewayHttpPorts = [ports[9], ports[10]];
        ClusterId = "drill-" + Guid.NewGuid().ToString("N")[..8];
        Credentials = credentials;
        SiloCredentials = credentials;
    }

    /// <summary>Logs (one per node and start) and Redis' append-only file.</summary>
    public string Folder { get; }

    /// <summary>Redis' port.</summary>
    public int RedisPort { get; }

    /// <summary>The Orleans cluster id (also the service id).</summary>
    public string ClusterId { get; }

    /// <summary>Every credential the fake Bedrock knows.</summary>
    public IReadOnlyList<DrillCredential> Credentials { get; }

    /// <summary><c>AWS_CREDENTIALS</c> for silos started from now on.</summary>
    public IReadOnlyList<DrillCredential> SiloCredentials { get; set; }

    /// <summary>The fake Bedrock's base URL.</summary>
    public Uri FakeBedrock { get; private set; } = null!;

    /// <summary>The gateways' base URLs.</summary>
    public IReadOnlyList<Uri> Gateways => [.. _gatewayHttpPorts.Select(p => new Uri($"http://127.0.0.1:{p}"))];

    /// <summary>A silo's Orleans (silo-to-silo) port, as in its <c>SiloAddress</c>.</summary>
    public int SiloPort(int index) => _siloPorts[index];

    /// <summary>Starts everything and waits until both gateways are ready.</summary>
    public async Task StartAsync()
    {
        await StartFakeBedrockAsync();
        await StartRedisAsync();
        await Task.WhenAll(StartSiloAsync(0), StartSiloAsync(1));
        await Task.WhenAll(StartGatewayAsync(0), StartGatewayAsync(1));
    }

    /// <summary>Starts whatever a previous drill left stopped, so every drill begins on a whole cluster.</summary>
    public async Task EnsureRunningAsync()
    {
        if (_fake is null || _fake.HasExited)
        {
            throw new InvalidOperationException("The fake Bedrock is not running; the cluster cannot be repaired.");
        }

        if (_redis is null || _redis.HasExited)
        {
            await StartRedisAsync();
        }

        await Task.WhenAll(Enumerable.Range(0, 2).Where(i => _silos[i] is null || _silos[i]!.HasExited).Select(StartSiloAsync));
        await Task.WhenAll(Enumerable.Range(0, 2).Where(i => _gateways[i] is null || _gateways[i]!.HasExited).Select(StartGatewayAsync));
    }

    /// <summary>Starts Redis on its port with its data folder (append-only file, so a restart keeps the state).</summary>
    public async Task StartRedisAsync()
    {
        _redis?.Dispose();
        _redis = NodeProcess.Start(
            "redis",
            BuiltApps.RedisServer,
            ["--bind", "127.0.0.1", "--port", Invariant(RedisPort), "--save", "", "--appendonly", "yes", "--appendfsync", "everysec",
                "--dir", Path.Combine(Folder, "redis"), "--daemonize", "no"],
            new Dictionary<string, string?>(),
            Path.Combine(Folder, "redis.log"));
        await Eventually.TrueAsync(RedisAnswersAsync, StartTimeout, "Redis answers PING", () => _redis.HasExited);
    }

    /// <summary>Stops Redis the way a restart does (SIGTERM: it flushes its append-only file).</summary>
    public Task StopRedisAsync() => _redis?.TerminateAsync(TimeSpan.FromSeconds(10)) ?? Task.CompletedTask;

    /// <summary>Starts silo <paramref name="index"/> and waits until it is an active member.</summary>
    public async Task StartSiloAsync(int index)
    {
        _silos[index]?.Dispose();
        var env = CommonEnvironment();
        env["ORLEANS_SILO_PORT"] = Invariant(_siloPorts[index]);
        env["ORLEANS_GATEWAY_PORT"] = Invariant(_siloGatewayPorts[index]);
        env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{_siloHttpPorts[index]}";
        env["AWS_CREDENTIALS"] = DrillCredential.Join(SiloCredentials);
        env["CREDENTIAL_ENCRYPTION_KEY"] = EncryptionKey;
        // Quick first checks, and a throttle lockout long enough to observe from another gateway.
        env["Pool__InitialCheckSpread"] = "00:00:00.200";
        env["Pool__ThrottleBackoffBase"] = "00:00:10";
        env["Pool__ThrottleBackoffMax"] = "00:00:30";
        var silo = _silos[index] = NodeProcess.Start($"silo{index + 1}", BuiltApps.DotnetHost, [BuiltApps.Silo], env, LogFile($"silo{index + 1}"));
        await WaitReadyAsync(silo, new Uri($"http://127.0.0.1:{_siloHttpPorts[index]}/readyz"));
    }

    /// <summary>Starts gateway <paramref name="index"/> and waits until its key pool answers.</summary>
    public async Task StartGatewayAsync(int index)
    {
        _gateways[index]?.Dispose();
        var env = CommonEnvironment();
        env["ASPNETCORE_URLS"] = Gateways[index].ToString().TrimEnd('/');
        env["PROXY_KEY"] = ProxyKey;
        env["ADMIN_KEY"] = AdminKey;
        var gateway = _gateways[index] = NodeProcess.Start(
            $"gateway{index + 1}", BuiltApps.DotnetHost, [BuiltApps.Gateway], env, LogFile($"gateway{index + 1}"));
        await WaitReadyAsync(gateway, new Uri(Gateways[index], "/readyz"));
    }

    /// <summary>The two gateways in <c>GATEKEEPER=user_token</c> mode (started on demand by <see cref="StartUserGatewayAsync"/>).</summary>
    public IReadOnlyList<Uri> UserGateways => [.. _userGatewayHttpPorts.Select(p => new Uri($"http://127.0.0.1:{p}"))];

    /// <summary>Starts user-token gateway <paramref name="index"/> (same cluster, same pool) unless it is running.</summary>
    public async Task StartUserGatewayAsync(int index)
    {
        if (_userGateways[index] is { HasExited: false })
        {
            return;
        }

        _userGateways[index]?.Dispose();
        var env = CommonEnvironment();
        env["ASPNETCORE_URLS"] = UserGateways[index].ToString().TrimEnd('/');
        env["GATEKEEPER"] = "user_token";
        env["ADMIN_KEY"] = AdminKey;
        env["Gateway__MaxQueueWait"] = UserGatewayMaxQueueWait.ToString("c", CultureInfo.InvariantCulture);
        var gateway = _userGateways[index] = NodeProcess.Start(
            $"user-gateway{index + 1}", BuiltApps.DotnetHost, [BuiltApps.Gateway], env, LogFile($"user-gateway{index + 1}"));
        await WaitReadyAsync(gateway, new Uri(UserGateways[index], "/readyz"));
    }

    /// <summary>Whether gateway <paramref name="index"/> answers <c>/readyz</c> with 200 right now.</summary>
    public async Task<bool> GatewayReadyAsync(int index)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri(Gateways[index], "/readyz"));
            return response.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>kill -9 of silo <paramref name="index"/>.</summary>
    public void KillSilo(int index) => _silos[index]?.Kill();

    /// <summary>kill -9 of gateway <paramref name="index"/>.</summary>
    public void KillGateway(int index) => _gateways[index]?.Kill();

    /// <summary>Kills every node (the fake Bedrock too).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var node in _gateways.Concat(_userGateways).Concat(_silos).Append(_redis).Append(_fake))
        {
            node?.Dispose();
        }

        _http.Dispose();
        await Task.CompletedTask;
    }

    private async Task StartFakeBedrockAsync() => (_fake, FakeBedrock) = await FakeBedrockProcess.StartAsync(Credentials, LogFile("fake-bedrock"));

    private Dictionary<string, string?> CommonEnvironment()
    {
        var env = CleanEnvironment();
        env["ORLEANS_REDIS"] = $"127.0.0.1:{RedisPort}";
        env["ORLEANS_CLUSTER_ID"] = ClusterId;
        env["AWS_ENDPOINT_URL_BEDROCK_RUNTIME"] = FakeBedrock.ToString();
        env["AWS_ENDPOINT_URL_BEDROCK"] = FakeBedrock.ToString();
        env["Logging__Console__TimestampFormat"] = "HH:mm:ss.fff ";
        env["Logging__LogLevel__Default"] = "Warning";
        env["Logging__LogLevel__OrleansProxy"] = "Information";
        env["Logging__LogLevel__Orleans.Runtime.MembershipService"] = "Information";
        return env;
    }

    // The caller's own proxy or cluster settings must not leak into the drill's nodes.
    private static Dictionary<string, string?> CleanEnvironment()
    {
        string[] names =
        [
            "ORLEANS_REDIS", "ORLEANS_CLUSTER_ID", "ORLEANS_SERVICE_ID", "ORLEANS_SILO_PORT", "ORLEANS_GATEWAY_PORT", "ORLEANS_ADVERTISED_IP",
            "ORLEANS_KUBERNETES", "AWS_CREDENTIALS", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "AWS_ENDPOINT_URL_BEDROCK",
            "PORT", "ASPNETCORE_URLS", "PROXY_KEY", "ALLOW_AWS_LOGGING", "FAKE_BEDROCK_CREDENTIALS",
        ];
        string[] prefixes = ["Pool__", "Gateway__", "Orleans__", "Logging__"];
        var env = names.ToDictionary(n => n, string? (_) => null);
        foreach (var key in Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            if (prefixes.Any(p => key.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            {
                env[key] = null;
            }
        }

        return env;
    }

    private async Task WaitReadyAsync(NodeProcess node, Uri readyz) =>
        await Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    using var response = await _http.GetAsync(readyz);
                    return response.IsSuccessStatusCode;
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    return false;
                }
            },
            StartTimeout,
            $"{node.Name} ready ({readyz})",
            () => node.HasExited);

    private async Task<bool> RedisAnswersAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", RedisPort);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(2));
            // "-LOADING …" while Redis replays its append-only file.
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }

    private string LogFile(string node)
    {
        // One file per start, so a restarted node's log does not bury the one that was killed.
        for (var n = 1; ; n++)
        {
            var path = Path.Combine(Folder, n == 1 ? $"{node}.log" : $"{node}.{n}.log");
            if (!File.Exists(path))
            {
                return path;
            }
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
