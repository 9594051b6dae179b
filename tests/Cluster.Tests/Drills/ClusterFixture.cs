using System.Diagnostics;
using OrleansProxy.Cluster.Tests.Processes;
using OrleansProxy.Cluster.Tests.Topology;
using OrleansProxy.Credentials;

namespace OrleansProxy.Cluster.Tests.Drills;

/// <summary>
/// One cluster shared by every drill (starting one costs ~10-20 s): started before the first drill, every process
/// killed after the last one, or when the test host exits, whatever happened in between.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>Throttled through gateway 1 in the consistency drill.</summary>
    public static readonly DrillCredential Throttled = new("AKIADRILLKEY0001", "drill/secret+0001", "us-east-1");

    /// <summary>Revoked before the silo-kill drill; must stay revoked through failover and restart.</summary>
    public static readonly DrillCredential Revoked = new("AKIADRILLKEY0005", "drill/secret+0005", "us-east-1");

    /// <summary>Left out of <c>AWS_CREDENTIALS</c> at the full restart: must be retired.</summary>
    public static readonly DrillCredential Removed = new("AKIADRILLKEY0006", "drill/secret+0006", "us-west-2");

    /// <summary>Every credential.</summary>
    public static readonly IReadOnlyList<DrillCredential> Keys =
    [
        Throttled,
        new("AKIADRILLKEY0002", "drill/secret+0002", "us-east-1"),
        new("AKIADRILLKEY0003", "drill/secret+0003", "us-west-2"),
        new("AKIADRILLKEY0004", "drill/secret+0004", "us-west-2"),
        Revoked,
        Removed,
    ];

    /// <summary>The cluster.</summary>
    public LocalCluster Cluster { get; private set; } = null!;

    /// <summary>The fake Bedrock's control API.</summary>
    public FakeBedrockControl Fake { get; private set; } = null!;

    /// <summary>From the first process start until every credential was checked and usable.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var started = Stopwatch.GetTimestamp();
        Cluster = new LocalCluster(Path.Combine(AppContext.BaseDirectory, "drill-run"), Keys);
        try
        {
            await Cluster.StartAsync();
            Fake = new FakeBedrockControl(Cluster.FakeBedrock);
            await using var diagnostics = await ClusterDiagnostics.ConnectAsync(Cluster);
            await Eventually.TrueAsync(
                async () => (await diagnostics.PoolAsync()).ByStatus.GetValueOrDefault(CredentialStatus.Active) == Keys.Count,
                TimeSpan.FromSeconds(60),
                "every credential checked and active");
            StartupTime = Stopwatch.GetElapsedTime(started);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        Fake?.Dispose();
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        NodeProcess.KillAll();
    }
}

/// <summary>The drills share one cluster and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    /// <summary>Collection name.</summary>
    public const string Name = "Cluster drills";
}
