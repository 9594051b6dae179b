using System.Globalization;

namespace OrleansProxy.LoadTest.Cli;

/// <summary>
/// The comparison run's options. Rows: (a) direct to the fake, (b) YARP pass-through, (c) this gateway
/// standalone, and (d) an already-running gateway given by <c>--gateway-url</c> (e.g. a 2-silo cluster).
/// </summary>
internal sealed record LoadTestOptions
{
    private static readonly string[] Known =
    [
        "fake-dll", "fake-url", "gateway-dll", "gateway-url", "gateway-key", "gateway-label", "gateway-env", "rows",
        "connections", "sweep", "sweep-duration", "first-warmup", "warmup", "rounds", "settle", "duration", "probe", "out", "logs", "commit", "time-limit",
    ];

    /// <summary>The fake Bedrock's built dll, started as a child process (unless <see cref="FakeUrl"/>).</summary>
    public string? FakeDll { get; init; }

    /// <summary>An already-running fake Bedrock; the run registers its credentials there through the control API.</summary>
    public Uri? FakeUrl { get; init; }

    /// <summary>The gateway's built dll (<c>OrleansProxy.Gateway.dll</c>), for row (c).</summary>
    public string? GatewayDll { get; init; }

    /// <summary>An already-running gateway, measured as row (d).</summary>
    public Uri? GatewayUrl { get; init; }

    /// <summary>The proxy key row (d) sends as <c>x-api-key</c>.</summary>
    public string? GatewayKey { get; init; }

    /// <summary>How row (d) is named in the table.</summary>
    public string GatewayLabel { get; init; } = "gateway at --gateway-url";

    /// <summary>Extra <c>KEY=VALUE</c> environment for the row (c) gateway (e.g. <c>Logging__LogLevel__Default=Warning</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> GatewayEnvironment { get; init; } = [];

    /// <summary>Which of a, b, c to run (d runs whenever <see cref="GatewayUrl"/> is set); empty runs d alone.</summary>
    public string Rows { get; init; } = "abceu";

    /// <summary>Concurrent connections (one request in flight on each).</summary>
    public int Connections { get; init; } = 32;

    /// <summary>
    /// Lower concurrencies measured after the rounds (small non-streaming calls only), to show up to where the
    /// gateway's latency stays within the target and where queueing on the shared cores takes over. Empty skips it.
    /// </summary>
    public IReadOnlyList<int> Sweep { get; init; } = [1, 2, 4, 8, 16];

    /// <summary>Measured seconds per target at each <see cref="Sweep"/> level, split over the rounds.</summary>
    public TimeSpan SweepDuration { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Unmeasured non-streaming load on each freshly started target before anything is measured: long, because
    /// throughput keeps climbing for 10-15 s under load on 2 busy cores (tiered JIT); the report shows each ramp.
    /// </summary>
    public TimeSpan FirstWarmup { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Unmeasured streaming load on each target after its first warm-up (its streaming paths are cold).</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Rounds the measurement is split into; each target gets one window of each kind per round.</summary>
    public int Rounds { get; init; } = 3;

    /// <summary>Unmeasured lead-in of each window (the previous window's target just stopped).</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Measured time per target and kind of call, over all rounds.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(12);

    /// <summary>Length of the single-connection (unloaded) latency phase; zero skips it.</summary>
    public TimeSpan Probe { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Where the Markdown report goes.</summary>
    public string Out { get; init; } = "bench/results/latest.md";

    /// <summary>Where child processes' output goes.</summary>
    public string Logs { get; init; } = "bench/results/logs";

    /// <summary>The commit measured, for the report.</summary>
    public string? Commit { get; init; }

    /// <summary>Hard bound on the whole run; children are killed when it passes.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromMinutes(6);

    public static LoadTestOptions Parse(string[] args)
    {
        var values = ArgumentList.Parse(args);
        if (values.Names.FirstOrDefault(n => !Known.Contains(n)) is { } unknown)
        {
            throw new FormatException($"Unknown option --{unknown}. Known: {string.Join(", ", Known.Select(k => "--" + k))}.");
        }

        var options = new LoadTestOptions
        {
            FakeDll = values.Optional("fake-dll"),
            FakeUrl = values.Optional("fake-url") is { } fake ? new Uri(fake) : null,
            GatewayDll = values.Optional("gateway-dll"),
            GatewayUrl = values.Optional("gateway-url") is { } gateway ? new Uri(gateway) : null,
            GatewayKey = values.Optional("gateway-key"),
            GatewayLabel = values.Optional("gateway-label") ?? "gateway at --gateway-url",
            GatewayEnvironment = [.. values.All("gateway-env").Select(ParsePair)],
            Rows = values.Optional("rows") ?? "abceu",
            Connections = values.Int("connections", 32, 1, 1024),
            Sweep = values.Optional("sweep") is { } sweep ? ParseLevels(sweep) : [1, 2, 4, 8, 16],
            SweepDuration = values.Seconds("sweep-duration", 3, 1, 60),
            FirstWarmup = values.Seconds("first-warmup", 15, 0, 120),
            Warmup = values.Seconds("warmup", 3, 0, 60),
            Rounds = values.Int("rounds", 3, 1, 20),
            Settle = values.Seconds("settle", 1, 0, 10),
            Duration = values.Seconds("duration", 12, 1, 300),
            Probe = values.Seconds("probe", 4, 0, 60),
            Out = values.Optional("out") ?? "bench/results/latest.md",
            Logs = values.Optional("logs") ?? "bench/results/logs",
            Commit = values.Optional("commit"),
            TimeLimit = values.Seconds("time-limit", 360, 10, 3600),
        };

        if (options.Rows == "-")
        {
            options = options with { Rows = "" };
        }

        if (options.Rows.Any(r => r is not ('a' or 'b' or 'c' or 'e' or 'u')))
        {
            throw new FormatException("--rows takes letters from a, b, c, e, or - for none (d is --gateway-url).");
        }

        if (options.FakeDll is null && options.FakeUrl is null && options.Rows.Length > 0)
        {
            throw new FormatException("Give --fake-dll (start the fake) or --fake-url (use a running one).");
        }

        if ((options.Rows.Contains('c') || options.Rows.Contains('e') || options.Rows.Contains('u')) && options.GatewayDll is null)
        {
            throw new FormatException("Rows c, e and u need --gateway-dll (the built OrleansProxy.Gateway.dll).");
        }

        return options;
    }

    private static int[] ParseLevels(string text)
    {
        if (text == "-")
        {
            return [];
        }

        var levels = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(t => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 1024
                ? n
                : throw new FormatException("--sweep takes connection counts from 1 to 1024, comma-separated (or - for none)."))
            .Distinct()
            .Order()
            .ToArray();
        return levels;
    }

    private static KeyValuePair<string, string> ParsePair(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 ? new(text[..equals], text[(equals + 1)..]) : throw new FormatException("--gateway-env takes KEY=VALUE.");
    }
}
