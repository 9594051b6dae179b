using System.Globalization;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansProxy.Credentials;
using OrleansProxy.Hosting;
using OrleansProxy.Pool;
using OrleansProxy.Testing.FakeBedrock;

namespace OrleansProxy.Benchmarks.Forwarding;

/// <summary>
/// The grain calls a standalone gateway makes per client request, with no HTTP around them: lease from the key
/// pool, sign on the credential grain, report the outcome (which persists the credential's state and releases the
/// lease to the pool one-way). A real silo (<c>AddProxySilo</c>, localhost clustering, memory storage) in this
/// process, called from outside any grain as the gateway's endpoints do; credentials checked against an
/// in-process fake Bedrock. One caller at a time: this is the latency of the sequence, not the pool's capacity.
/// </summary>
[MemoryDiagnoser]
public class GrainRoundTripBenchmarks
{
    private const string ModelId = "anthropic.claude-3-haiku-20240307-v1:0";
    private const string Family = "claude-3-haiku";
    private const string PayloadSha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static readonly (string AccessKeyId, string Secret, string Region)[] Keys =
    [
        ("AKIABENCHGRAIN000001", "bench/grain+one/0123456789abcdefghijklmno", "us-east-1"),
        ("AKIABENCHGRAIN000002", "bench/grain+two/0123456789abcdefghijklmno", "us-east-1"),
        ("AKIABENCHGRAIN000003", "bench/grain+three/0123456789abcdefghijklm", "us-west-2"),
        ("AKIABENCHGRAIN000004", "bench/grain+four/0123456789abcdefghijklmn", "us-west-2"),
    ];

    private static readonly Dictionary<string, string> SignedHeaders =
        new() { ["content-type"] = "application/json", ["accept"] = "application/json" };

    private readonly LeaseRequest _request = new(ModelId, []);
    private FakeBedrockServer _bedrock = null!;
    private IHost _silo = null!;
    private IGrainFactory _grains = null!;
    private IKeyPoolGrain _pool = null!;
    private string _uri = null!;
    private string _credentialId = null!;
    private readonly Guid _fixedLease = Guid.NewGuid();

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _bedrock = await FakeBedrockServer.StartAsync(new FakeBedrockOptions { RequestLogCapacity = 0 });
        foreach (var (accessKeyId, secret, region) in Keys)
        {
            _bedrock.AddCredential(accessKeyId, secret, region);
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AWS_CREDENTIALS"] = string.Join(",", Keys.Select(k => $"{k.AccessKeyId}:{k.Secret}:{k.Region}")),
            ["AWS_ENDPOINT_URL_BEDROCK_RUNTIME"] = _bedrock.BaseUri.ToString(),
            ["AWS_ENDPOINT_URL_BEDROCK"] = _bedrock.BaseUri.ToString(),
            ["ORLEANS_SILO_PORT"] = FreePort(),
            ["ORLEANS_GATEWAY_PORT"] = FreePort(),
            ["ORLEANS_CLUSTER_ID"] = "bench-" + Guid.NewGuid().ToString("N")[..8],
            ["ORLEANS_REDIS"] = "",
            ["Pool:InitialCheckSpread"] = "00:00:00",
        });
        // Logging is measured by the load test; here only the grains' own work counts.
        builder.Logging.ClearProviders();
        builder.AddProxySilo();
        _silo = builder.Build();
        await _silo.StartAsync();
        _grains = _silo.Services.GetRequiredService<IGrainFactory>();
        _pool = _grains.GetGrain<IKeyPoolGrain>(IKeyPoolGrain.DefaultKey);
        _uri = new Uri(_bedrock.BaseUri, "/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke").ToString();
        await WaitForCredentialsAsync();
        var lease = (await _pool.AcquireAsync(_request)).Lease!;
        _credentialId = lease.CredentialId;
        await _grains.GetGrain<ICredentialGrain>(_credentialId).ReportAsync(new RequestOutcome(lease.LeaseId, Family, OutcomeKind.Success));
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _silo.StopAsync();
        _silo.Dispose();
        await _bedrock.DisposeAsync();
    }

    /// <summary>What every forwarded request does on the grains: Acquire, Sign, Report.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> LeaseSignReport()
    {
        var lease = (await _pool.AcquireAsync(_request)).Lease!;
        var credential = _grains.GetGrain<ICredentialGrain>(lease.CredentialId);
        var signed = await credential.SignAsync(new SigningRequest(lease.LeaseId, "POST", _uri, SignedHeaders, PayloadSha256));
        await credential.ReportAsync(new RequestOutcome(lease.LeaseId, Family, OutcomeKind.Success, 14, 16));
        return signed.Headers.Count;
    }

    /// <summary>The same without the signature: the difference is the Sign call (grain hop + SigV4).</summary>
    [Benchmark]
    public async Task<int> LeaseReport()
    {
        var lease = (await _pool.AcquireAsync(_request)).Lease!;
        await _grains.GetGrain<ICredentialGrain>(lease.CredentialId).ReportAsync(new RequestOutcome(lease.LeaseId, Family, OutcomeKind.Success, 14, 16));
        return lease.CredentialId.Length;
    }

    /// <summary>SignAsync alone on one credential grain (one fixed lease id).</summary>
    [Benchmark]
    public async Task<int> SignOnly()
    {
        var signed = await _grains.GetGrain<ICredentialGrain>(_credentialId).SignAsync(new SigningRequest(_fixedLease, "POST", _uri, SignedHeaders, PayloadSha256));
        return signed.Headers.Count;
    }

    /// <summary>A read-only call on the same grain: the cost of the hop itself.</summary>
    [Benchmark]
    public async Task<int> SnapshotOnly() => (await _grains.GetGrain<ICredentialGrain>(_credentialId).GetSnapshotAsync()).Families.Count;

    /// <summary>The key pool call alone (leases pile up; the selection cost stays logarithmic).</summary>
    [Benchmark]
    public async Task<bool> AcquireOnly() => (await _pool.AcquireAsync(_request)).Lease is not null;

    private async Task WaitForCredentialsAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var snapshot = await _pool.GetSnapshotAsync();
            if (snapshot.ByStatus.GetValueOrDefault(CredentialStatus.Active) == Keys.Length)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The silo's credentials did not all become active within 60 s.");
    }

    private static string FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
    }
}
