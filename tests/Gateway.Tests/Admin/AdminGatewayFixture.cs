using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OrleansProxy.Credentials;
using OrleansProxy.Hosting;
using OrleansProxy.Pool;
using OrleansProxy.Testing.FakeBedrock;
using OrleansProxy.Testing.FakeBedrock.Behaviour;
using OrleansProxy.Testing.FakeBedrock.Recording;

using OrleansProxy.Gateway.Tests.TestSupport;

namespace OrleansProxy.Gateway.Tests.Admin;

/// <summary>
/// A standalone gateway on a real Kestrel listener (127.0.0.1, any free port, so a browser can reach it) with
/// <c>ADMIN_KEY</c> and <c>CREDENTIAL_ENCRYPTION_KEY</c> set, three <c>AWS_CREDENTIALS</c> keys and a fake Bedrock that
/// verifies every signature. Every log entry the gateway writes is recorded, and so is every response its admin
/// clients receive, for the secret scan.
/// </summary>
public class AdminGatewayFixture : IAsyncLifetime
{
    public const string TestAdminKey = "admin-key-for-tests-5b1e9d2c0a7f";
    public const string ProxyKey = "admin-tests-proxy-key-4c2d81";
    public const string EncryptionKey = "encryption-passphrase-for-admin-tests";

    private static int s_counter;

    private readonly ConcurrentQueue<AwsCredential> _generated = new();

    public FakeBedrockServer Bedrock { get; private set; } = null!;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public RecordingLoggerProvider Logs { get; } = new();

    /// <summary>Every response body the clients of <see cref="CreateClient"/> received.</summary>
    public ConcurrentQueue<(string Path, string Body)> Responses { get; } = new();

    public IReadOnlyList<AwsCredential> Keys { get; } =
    [
        new("AKIAADMINENVKEY00001", "adm/env+one/0123456789abcdefghijklmnopqrs", "us-east-1"),
        new("AKIAADMINENVKEY00002", "adm/env+two/0123456789abcdefghijklmnopqrs", "us-east-1"),
        new("AKIAADMINENVKEY00003", "adm/env+three/0123456789abcdefghijklmnopq", "us-west-2"),
    ];

    /// <summary>Every credential the fixture knows: the configured ones and those made by <see cref="NewCredential"/>.</summary>
    public IEnumerable<AwsCredential> AllCredentials => Keys.Concat(_generated);

    protected virtual string? AdminKeySetting => TestAdminKey;

    protected virtual string? EncryptionKeySetting => EncryptionKey;

    public IGrainFactory Grains => Factory.Services.GetRequiredService<IGrainFactory>();

    public IKeyPoolGrain Pool => Grains.GetGrain<IKeyPoolGrain>(IKeyPoolGrain.DefaultKey);

    /// <summary>A client with no key at all.</summary>
    public HttpClient CreateClient() => new(new ResponseRecorder(Responses)) { BaseAddress = BaseAddress };

    /// <summary>A client that sends the admin key as x-admin-key.</summary>
    public HttpClient CreateAdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("x-admin-key", TestAdminKey);
        return client;
    }

    /// <summary>A client of the proxy API (sends the proxy key).</summary>
    public HttpClient CreateProxyClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add("x-api-key", ProxyKey);
        return client;
    }

    /// <summary>
    /// A fresh credential the fake Bedrock knows (the proxy does not, until it is added); with <paramref name="account"/>,
    /// its key id encodes that AWS account, as AWS's do.
    /// </summary>
    public AwsCredential NewCredential(string region = "us-east-1", string? account = null)
    {
        var n = Interlocked.Increment(ref s_counter);
        var random = Guid.NewGuid().ToString("N");
        var credential = new AwsCredential(
            account is null ? $"AKIAADMINRT{n:D5}{random[..4].ToUpperInvariant()}" : AccessKeyIds.ForAccount(account, n),
            $"rt/{random}+{n:D4}/ABCDEFGHIJ",
            region);
        Bedrock.AddCredential(credential.AccessKeyId, credential.SecretAccessKey, credential.Region);
        _generated.Enqueue(credential);
        return credential;
    }

    /// <summary>Adds credentials through the admin API and returns the answer.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> AddAsync(params AwsCredential[] credentials)
    {
        using var client = CreateAdminClient();
        using var response = await client.PostAsJsonAsync("/admin/api/credentials",
            new { credentials = string.Join(",", credentials.Select(c => $"{c.AccessKeyId}:{c.SecretAccessKey}:{c.Region}")) });
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    /// <summary>Sends Messages requests until one is served by <paramref name="credential"/>, at most <paramref name="max"/>.</summary>
    public async Task<bool> ServedByAsync(AwsCredential credential, int max)
    {
        using var client = CreateProxyClient();
        for (var i = 0; i < max; i++)
        {
            var before = Bedrock.Requests.Count;
            using var response = await client.PostAsync("/proxy/aws/claude/v1/messages", new StringContent(
                """{"model":"claude-3-haiku-20240307","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""",
                System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (Bedrock.Requests.Skip(before).Any(r => IsServedBy(r, credential)))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsServedBy(RecordedRequest request, AwsCredential credential) =>
        request.Operation == FakeOperation.Invoke && request.StatusCode == 200 && request.AccessKeyId == credential.AccessKeyId;

    public async Task InitializeAsync()
    {
        Bedrock = await FakeBedrockServer.StartAsync(new FakeBedrockOptions { Time = Clock });
        foreach (var key in Keys)
        {
            Bedrock.AddCredential(key.AccessKeyId, key.SecretAccessKey, key.Region);
        }

        var settings = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["AWS_CREDENTIALS"] = string.Join(",", Keys.Select(k => $"{k.AccessKeyId}:{k.SecretAccessKey}:{k.Region}")),
            ["AWS_ENDPOINT_URL_BEDROCK_RUNTIME"] = Bedrock.BaseUri.ToString(),
            ["AWS_ENDPOINT_URL_BEDROCK"] = Bedrock.BaseUri.ToString(),
            ["PROXY_KEY"] = ProxyKey,
            ["ADMIN_KEY"] = AdminKeySetting,
            ["CREDENTIAL_ENCRYPTION_KEY"] = EncryptionKeySetting,
            ["ORLEANS_SILO_PORT"] = LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture),
            ["ORLEANS_GATEWAY_PORT"] = LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture),
            ["ORLEANS_CLUSTER_ID"] = "admin-tests-" + Guid.NewGuid().ToString("N")[..8],
            ["Pool:InitialCheckSpread"] = "00:00:00",
            ["Pool:LeaseSweepInterval"] = "00:00:00.100",
            ["Gateway:MaxQueueWait"] = "00:00:02",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }

            web.ConfigureLogging(logging => logging
                .AddProvider(Logs)
                .AddFilter<RecordingLoggerProvider>(level => level >= LogLevel.Debug));
            web.ConfigureTestServices(services => services.AddKeyedSingleton<TimeProvider>(ProxyClock.Key, Clock));
        });
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        Factory = factory;
        var address = Factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address);
        await WaitForPoolAsync(s => s.Families.Single(f => f.Family == "claude-3-haiku").Usable == Keys.Count);
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Bedrock.DisposeAsync();
    }

    public Task WaitForPoolAsync(Func<PoolSnapshot, bool> condition) => PoolWait.UntilAsync(Pool, condition);
}

[CollectionDefinition(Name)]
public sealed class AdminCollection : ICollectionFixture<AdminGatewayFixture>
{
    public const string Name = "admin";
}

/// <summary>
/// The same gateway for the scrape tests, in a collection xunit runs alone, after every parallel collection has ended.
/// Test hosts share one process, and OpenTelemetry gives instruments of one name one stream per meter provider, whichever
/// host made them: when another host stopped during a scrape test, its instruments' end closed this host's streams too,
/// and the scrape lost its pool gauges, Orleans' meters and ASP.NET Core's request duration (seen about one cold run in
/// eight; reproduced by starting a second host after this one and disposing it). Production runs one host per process.
/// </summary>
public sealed class MetricsGatewayFixture : AdminGatewayFixture;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection : ICollectionFixture<MetricsGatewayFixture>
{
    public const string Name = "metrics";
}

/// <summary>The same gateway without <c>ADMIN_KEY</c>: every admin endpoint is disabled.</summary>
public sealed class NoAdminKeyGatewayFixture : AdminGatewayFixture
{
    protected override string? AdminKeySetting => null;
}

[CollectionDefinition(Name)]
public sealed class NoAdminKeyCollection : ICollectionFixture<NoAdminKeyGatewayFixture>
{
    public const string Name = "admin-disabled";
}

/// <summary>The same gateway without <c>CREDENTIAL_ENCRYPTION_KEY</c>: credentials cannot be added at run time.</summary>
public sealed class NoEncryptionKeyGatewayFixture : AdminGatewayFixture
{
    protected override string? EncryptionKeySetting => null;
}

[CollectionDefinition(Name)]
public sealed class NoEncryptionKeyCollection : ICollectionFixture<NoEncryptionKeyGatewayFixture>
{
    public const string Name = "admin-no-encryption-key";
}
