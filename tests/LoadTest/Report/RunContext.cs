namespace OrleansProxy.LoadTest.Report;

/// <summary>What the report says about the run itself.</summary>
internal sealed record RunContext(
    DateTimeOffset StartedUtc,
    string? Commit,
    int Connections,
    TimeSpan FirstWarmup,
    TimeSpan Warmup,
    int Rounds,
    TimeSpan Duration,
    TimeSpan Probe,
    IReadOnlyList<KeyValuePair<string, string>> GatewayEnvironment,
    string LoadBefore,
    string LoadAfter)
{
    /// <summary>The 1-, 5- and 15-minute load averages, where the OS tells them.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
