using OrleansProxy.Cluster.Tests.Topology;
using OrleansProxy.Credentials;
using Xunit.Abstractions;

namespace OrleansProxy.Cluster.Tests.Drills;

/// <summary>
/// Failure drills on a real multi-process cluster (see <see cref="LocalCluster"/>): each starts by repairing whatever
/// the previous one broke, puts steady load on both gateways, injects a fault, records its figures
/// (<see cref="DrillReport"/>) and then checks the proxy's promises. Destructive drills run last.
/// </summary>
[Collection(ClusterCollection.Name)]
[TestCaseOrderer(DrillOrderer.TypeName, DrillOrderer.AssemblyName)]
public sealed partial class FailureDrills(ClusterFixture fixture, ITestOutputHelper output)
{
    /// <summary>The family of the model the load asks for (claude-3-haiku-20240307).</summary>
    private const string Family = "claude-3-haiku";

    private LocalCluster Cluster => fixture.Cluster;

    private static Dictionary<string, FamilyUsage> Usage(CredentialSnapshot credential) =>
        credential.Families.ToDictionary(f => f.Family, f => f.Usage, StringComparer.Ordinal);

    /// <summary>Every usage counter that is lower in <paramref name="after"/> than it was in <paramref name="before"/>.</summary>
    private static List<string> CountersThatWentBack(
        IReadOnlyDictionary<string, CredentialSnapshot> before, IReadOnlyDictionary<string, CredentialSnapshot> after)
    {
        var problems = new List<string>();
        foreach (var (masked, old) in before)
        {
            if (!after.TryGetValue(masked, out var now))
            {
                continue;
            }

            var nowUsage = Usage(now);
            foreach (var (family, was) in Usage(old))
            {
                var @is = nowUsage.GetValueOrDefault(family, FamilyUsage.Zero);
                foreach (var (name, a, b) in new[]
                {
                    ("requests", was.Requests, @is.Requests), ("input tokens", was.InputTokens, @is.InputTokens),
                    ("output tokens", was.OutputTokens, @is.OutputTokens), ("errors", was.Errors, @is.Errors),
                    ("throttles", was.Throttles, @is.Throttles),
                })
                {
                    if (b < a)
                    {
                        problems.Add($"{masked} {family} {name}: {a} → {b}");
                    }
                }
            }
        }

        return problems;
    }

    private static long Requests(IReadOnlyDictionary<string, CredentialSnapshot> credentials) =>
        credentials.Values.Sum(c => c.Families.Sum(f => f.Usage.Requests));

    private async Task WaitForStatusesAsync(ClusterDiagnostics diagnostics, int active, int revoked, TimeSpan timeout)
    {
        var seen = "nothing";
        await Eventually.TrueAsync(
            async () =>
            {
                var pool = await diagnostics.PoolAsync();
                seen = string.Join(", ", pool.ByStatus.Select(s => $"{s.Value} {s.Key}"));
                return pool.ByStatus.GetValueOrDefault(CredentialStatus.Active) == active
                    && pool.ByStatus.GetValueOrDefault(CredentialStatus.Revoked) == revoked;
            },
            timeout,
            $"the pool to list {active} active and {revoked} revoked credentials",
            lastSeen: () => seen);
    }
}
