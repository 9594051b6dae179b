using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OrleansProxy.Credentials;
using OrleansProxy.Hosting;
using OrleansProxy.Pool;
using OrleansProxy.Testing.FakeBedrock;
using OrleansProxy.Testing.FakeBedrock.Behaviour;

using OrleansProxy.Gateway.Tests.TestSupport;

namespace OrleansProxy.Gateway.Tests.EndToEnd;

/// <summary>
/// A standalone gateway (co-hosted silo, in-memory state) in-process, with three credentials against a fake
/// Bedrock that verifies every signature. The proxy's clock and the fake's are one <see cref="FakeTimeProvider"/>,
/// so tests end throttle lockouts by advancing it instead of sleeping.
/// </summary>
public class GatewayFixture : IAsyncLifetime
{
    public const string ProxyKey = "test-proxy-key-7f3a9c";
    public const long MaxBodyBytes = 256 * 1024;
    public const long MaxAnswerBytes = 64 * 1024;

    public FakeBedrockServer Bedrock { get; private set; } = null!;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public virtual IReadOnlyList<AwsCredential> Keys { get; } =
    [
        new("AKIAGATEWAYTEST00001", "gw/secret+one/0123456789abcdefghijklmnop", "us-east-1"),
        new("AKIAGATEWAYTEST00002", "gw/secret+two/0123456789abcdefghijklmnop", "us-east-1"),
        new("AKIAGATEWAYTEST00003", "gw/secret+three/0123456789abcdefghijklmn", "us-west-2"),
    ];

    protected virtual bool AllowAwsLogging => false;

    /// <summary>Serve on a real loopback port (for out-of-process clients: Node SDKs, Claude Code) besides the test server.</summary>
    protected virtual bool ListenOnLoopback => false;

    /// <summary>The loopback address when <see cref="ListenOnLoopback"/>, else null.</summary>
    public Uri? BaseAddress { get; private set; }

    /// <summary>Settings a derived fixture adds to (or overrides in) the gateway's configuration.</summary>
    protected virtual IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>();

    /// <summary>Lets a derived fixture add to the gateway's host (logging providers, services).</summary>
    protected virtual void ConfigureWeb(IWebHostBuilder web)
    {
    }

    public IGrainFactory Grains => Factory.Services.GetRequiredService<IGrainFactory>();

    public IKeyPoolGrain Pool => Grains.GetGrain<IKeyPoolGrain>(IKeyPoolGrain.DefaultKey);

    /// <summary>A client that sends the proxy key as x-api-key.</summary>
    public HttpClient CreateClient()
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Add("x-api-key", ProxyKey);
        return client;
    }

    public async Task InitializeAsync()
    {
        Bedrock = await FakeBedrockServer.StartAsync(new FakeBedrockOptions { Time = Clock });
        foreach (var key in Keys)
        {
            Bedrock.AddCredential(key.AccessKeyId, key.SecretAccessKey, key.Region);
        }

        var settings = new Dictionary<string, string>
        {
            ["AWS_CREDENTIALS"] = string.Join(",", Keys.Select(k => $"{k.AccessKeyId}:{k.SecretAccessKey}:{k.Region}")),
            ["AWS_ENDPOINT_URL_BEDROCK_RUNTIME"] = Bedrock.BaseUri.ToString(),
            ["AWS_ENDPOINT_URL_BEDROCK"] = Bedrock.BaseUri.ToString(),
            ["PROXY_KEY"] = ProxyKey,
            ["ALLOW_AWS_LOGGING"] = AllowAwsLogging ? "true" : "false",
            ["ORLEANS_SILO_PORT"] = LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ORLEANS_GATEWAY_PORT"] = LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ORLEANS_CLUSTER_ID"] = "gateway-tests-" + Guid.NewGuid().ToString("N")[..8],
            ["Pool:InitialCheckSpread"] = "00:00:00",
            ["Pool:LeaseSweepInterval"] = "00:00:00.100",
            ["Gateway:MaxQueueWait"] = "00:00:02",
            ["Gateway:HeartbeatInterval"] = "00:00:00.200",
            ["Gateway:MaxBodyBytes"] = MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gateway:MaxAnswerBytes"] = MaxAnswerBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in ExtraSettings)
        {
            settings[key] = value;
        }
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }

            web.ConfigureTestServices(services => services.AddKeyedSingleton<TimeProvider>(ProxyClock.Key, Clock));
            ConfigureWeb(web);
        });
        if (ListenOnLoopback)
        {
            Factory.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
            Factory.StartServer();
            BaseAddress = new Uri(Factory.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First());
        }
        else
        {
            _ = Factory.Server;
        }

        await WaitForUsableAsync(Keys.Count);
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Bedrock.DisposeAsync();
    }

    /// <summary>Restores every key: fake behaviour reset, lockouts over, state rechecked.</summary>
    public async Task ResetAsync()
    {
        foreach (var key in Keys)
        {
            Bedrock.Credential(key.AccessKeyId).Reset();
        }

        Clock.Advance(TimeSpan.FromMinutes(5));
        await Task.WhenAll(Keys.Select(k => Grains.GetGrain<ICredentialGrain>(k.Id).RecheckAsync()));
        await WaitForUsableAsync(Keys.Count);
        Bedrock.ClearRequests();
    }

    /// <summary>Rechecks one key (after its fake behaviour changed) and waits for the pool to see it.</summary>
    public async Task<CredentialSnapshot> RecheckAsync(AwsCredential key)
    {
        var snapshot = await Grains.GetGrain<ICredentialGrain>(key.Id).RecheckAsync();
        await WaitForPoolAsync(s => s.ByStatus.GetValueOrDefault(snapshot.Status) >= 1);
        return snapshot;
    }

    public Task WaitForPoolAsync(Func<PoolSnapshot, bool> condition) => PoolWait.UntilAsync(Pool, condition);

    private Task WaitForUsableAsync(int count) =>
        WaitForPoolAsync(s => s.Families.Single(f => f.Family == "claude-3-haiku").Usable == count);
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}

/// <summary>The same gateway with ALLOW_AWS_LOGGING=true.</summary>
public sealed class AllowLoggingGatewayFixture : GatewayFixture
{
    protected override bool AllowAwsLogging => true;
}

[CollectionDefinition(Name)]
public sealed class AllowLoggingGatewayCollection : ICollectionFixture<AllowLoggingGatewayFixture>
{
    public const string Name = "gateway-allow-logging";
}

/// <summary>
/// A gateway whose keys carry their AWS account in the key id, as AWS's do: two of account 111122223333 and one of
/// 444455556666, all in us-east-1. The fake shares each account's quota between its keys, as Bedrock does.
/// </summary>
public sealed class SharedQuotaGatewayFixture : GatewayFixture
{
    public override IReadOnlyList<AwsCredential> Keys { get; } =
    [
        new(AccessKeyIds.ForAccount("111122223333", 1), "gw/secret+a1/0123456789abcdefghijklmnop", "us-east-1"),
        new(AccessKeyIds.ForAccount("111122223333", 2), "gw/secret+a2/0123456789abcdefghijklmnop", "us-east-1"),
        new(AccessKeyIds.ForAccount("444455556666", 1), "gw/secret+b1/0123456789abcdefghijklmnop", "us-east-1"),
    ];
}

[CollectionDefinition(Name)]
public sealed class SharedQuotaGatewayCollection : ICollectionFixture<SharedQuotaGatewayFixture>
{
    public const string Name = "gateway-shared-quota";
}

/// <summary>
/// The standard gateway on a real loopback socket, for wire-level tests and clients that run as their own processes
/// (Claude Code in both modes, the Node SDKs).
/// </summary>
public sealed class KestrelGatewayFixture : GatewayFixture
{
    protected override bool ListenOnLoopback => true;

    /// <summary>A client on the real socket that sends the proxy key as x-api-key.</summary>
    public HttpClient CreateSocketClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("x-api-key", ProxyKey);
        return client;
    }
}

[CollectionDefinition(Name)]
public sealed class KestrelGatewayCollection : ICollectionFixture<KestrelGatewayFixture>
{
    public const string Name = "gateway-kestrel";
}

/// <summary>
/// Four keys in three cache scopes (account and region): two of account 111122223333 and one of 444455556666 in
/// us-east-1, one of 777788889999 in us-west-2; the pool remembers at most <see cref="SessionCapacity"/> sessions.
/// </summary>
public sealed class SessionsGatewayFixture : GatewayFixture
{
    public const int SessionCapacity = 8;

    public override IReadOnlyList<AwsCredential> Keys { get; } =
    [
        new(AccessKeyIds.ForAccount("111122223333", 1), "gw/secret+s1/0123456789abcdefghijklmnop", "us-east-1"),
        new(AccessKeyIds.ForAccount("111122223333", 2), "gw/secret+s2/0123456789abcdefghijklmnop", "us-east-1"),
        new(AccessKeyIds.ForAccount("444455556666", 1), "gw/secret+s3/0123456789abcdefghijklmnop", "us-east-1"),
        new(AccessKeyIds.ForAccount("777788889999", 1), "gw/secret+s4/0123456789abcdefghijklmnop", "us-west-2"),
    ];

    protected override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>
    {
        ["Pool:SessionCapacity"] = SessionCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

[CollectionDefinition(Name)]
public sealed class SessionsGatewayCollection : ICollectionFixture<SessionsGatewayFixture>
{
    public const string Name = "gateway-sessions";
}
