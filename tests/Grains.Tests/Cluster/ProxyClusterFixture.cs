using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Storage;
using Orleans.TestingHost;
using OrleansProxy.Credentials;
using OrleansProxy.Hosting;
using OrleansProxy.Pool;
using OrleansProxy.Testing.FakeBedrock;
using OrleansProxy.Testing.FakeBedrock.Behaviour;
using OrleansProxy.Testing.FakeBedrock.Recording;

namespace OrleansProxy.Cluster.Tests;

/// <summary>
/// Two in-process silos with in-memory storage against a fake Bedrock that verifies every signature. The proxy's
/// clock is a <see cref="FakeTimeProvider"/> starting at the real time (signatures must stay within AWS's skew).
/// Tests share the cluster and run serially; each starts by retiring what the previous one registered.
/// </summary>
public class ProxyClusterFixture : IAsyncLifetime
{
    private int _nextKey;

    public TestCluster Cluster { get; private set; } = null!;

    public FakeBedrockServer Bedrock { get; private set; } = null!;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public TestSecretStore Secrets { get; } = new();

    /// <summary>Grain calls the silos fail on purpose (see <see cref="CallFaults"/>).</summary>
    public CallFaults Faults { get; } = new();

    public IKeyPoolGrain Pool => Cluster.GrainFactory.GetGrain<IKeyPoolGrain>(IKeyPoolGrain.DefaultKey);

    protected virtual bool AllowAwsLogging => false;

    public ICredentialGrain Credential(AwsCredential credential) => Cluster.GrainFactory.GetGrain<ICredentialGrain>(credential.Id);

    /// <summary>The proxy's grain storage as the first silo sees it (memory storage: one store for the whole cluster).</summary>
    public IGrainStorage Storage =>
        Cluster.Silos.OfType<InProcessSiloHandle>().First().SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(ProxyStorage.Name);

    public async Task InitializeAsync()
    {
        Bedrock = await FakeBedrockServer.StartAsync(new FakeBedrockOptions { Time = Clock });
        var builder = new TestClusterBuilder(initialSilosCount: 2);
        builder.Options.ServiceId = "proxy-tests-" + Guid.NewGuid().ToString("N")[..8];
        builder.Properties["AWS_ENDPOINT_URL_BEDROCK_RUNTIME"] = Bedrock.BaseUri.ToString();
        builder.Properties["AWS_ENDPOINT_URL_BEDROCK"] = Bedrock.BaseUri.ToString();
        builder.Properties["ALLOW_AWS_LOGGING"] = AllowAwsLogging ? "true" : "false";
        builder.Properties["Pool:InitialCheckSpread"] = "00:00:00";
        builder.Properties["CREDENTIAL_ENCRYPTION_KEY"] = EncryptionKey;
        builder.Properties["Pool:LeaseSweepInterval"] = "00:00:00.100";
        builder.Properties["Pool:LeaseTtl"] = "00:01:00";
        builder.Properties["Pool:SilentRetryInterval"] = "00:00:00.200";
        builder.Properties[FixtureIdKey] = builder.Options.ServiceId;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Register(builder.Options.ServiceId, this);
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await Bedrock.DisposeAsync();
    }

    /// <summary>Retires every credential so a test starts from an empty pool.</summary>
    public async Task ResetAsync()
    {
        foreach (var descriptor in await Pool.GetCredentialsAsync())
        {
            await Pool.RetireAsync(descriptor.Id);
        }
    }

    /// <summary>A new credential known to the fake (and, unless told otherwise, to the silos' secret store).</summary>
    public AwsCredential NewCredential(string region = "us-east-1", string? siloSecret = null, string? siloRegion = null)
    {
        var number = Interlocked.Increment(ref _nextKey);
        var accessKeyId = $"AKIATEST{number:D12}";
        var secret = $"secret/{Guid.NewGuid():N}+{number}";
        Bedrock.AddCredential(accessKeyId, secret, region);
        var credential = new AwsCredential(accessKeyId, siloSecret ?? secret, siloRegion ?? region);
        Secrets.Add(credential);
        return credential;
    }

    /// <summary>Registers credentials with the pool and waits for their first check.</summary>
    public async Task<IReadOnlyList<CredentialSnapshot>> RegisterAsync(params AwsCredential[] credentials)
    {
        await Pool.RegisterAsync([.. credentials.Select(c => c.ToDescriptor(CredentialSource.Environment))], replaceEnvironmentSet: false);
        var snapshots = await Task.WhenAll(credentials.Select(c => Credential(c).RecheckAsync()));
        await WaitForPoolAsync(credentials.Length);
        return snapshots;
    }

    /// <summary>Waits until the pool has taken the credentials' latest summaries (they arrive as one-way messages).</summary>
    public async Task WaitForPoolAsync(int credentials)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var snapshot = await Pool.GetSnapshotAsync();
            if (snapshot.Credentials == credentials && !snapshot.ByStatus.ContainsKey(CredentialStatus.Unchecked))
            {
                return;
            }

            await Task.Delay(20);
        }
    }

    private const string FixtureIdKey = "Test:FixtureId";

    /// <summary>The silos' CREDENTIAL_ENCRYPTION_KEY (base64 of 32 bytes).</summary>
    public const string EncryptionKey = "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=";

    private static readonly Dictionary<string, ProxyClusterFixture> Fixtures = [];

    private static void Register(string serviceId, ProxyClusterFixture fixture)
    {
        lock (Fixtures)
        {
            Fixtures[serviceId] = fixture;
        }
    }

    private static ProxyClusterFixture Lookup(string serviceId)
    {
        lock (Fixtures)
        {
            return Fixtures[serviceId];
        }
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            var configuration = silo.Configuration;
            var fixture = Lookup(configuration[FixtureIdKey]
                ?? throw new InvalidOperationException("The fixture id is not in the silo configuration."));
            silo.AddMemoryGrainStorage(ProxyStorage.Name);
            silo.Services.AddSingleton<ICredentialSecretStore>(fixture.Secrets);
            silo.Services.AddKeyedSingleton<TimeProvider>(ProxyClock.Key, fixture.Clock);
            silo.Services.AddProxyGrainServices(configuration);
            silo.AddIncomingGrainCallFilter(fixture.Faults.InvokeAsync);
        }
    }
}
