using System.Globalization;
using System.Runtime.InteropServices;
using OrleansProxy.LoadTest.Hosting;
using OrleansProxy.LoadTest.Load;
using OrleansProxy.LoadTest.Report;
using OrleansProxy.LoadTest.Requests;
using OrleansProxy.LoadTest.Signing;
using OrleansProxy.LoadTest.Targets;

namespace OrleansProxy.LoadTest.Cli;

/// <summary>
/// The comparison run: start the fake and every row's proxy, warm each up, then measure them in interleaved
/// rounds (so a change in the machine's other load hits every row alike), probe unloaded latency, write the
/// Markdown report. Bounded by <see cref="LoadTestOptions.TimeLimit"/>; children die with the run, however it ends.
/// </summary>
internal static class LoadTestCommand
{
    private static readonly TimeSpan ProbeLeadIn = TimeSpan.FromSeconds(1);

    private const string BedrockFrontPath = "/proxy/aws/bedrock";

    public static async Task<int> RunAsync(string[] args)
    {
        LoadTestOptions options;
        try
        {
            options = LoadTestOptions.Parse(args);
        }
        catch (FormatException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return 2;
        }

        using var stop = new CancellationTokenSource(options.TimeLimit);
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            Progress($"{context.Signal}: stopping and killing child processes");
            ChildProcess.KillAll();
            stop.Cancel();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => ChildProcess.KillAll();
        AppDomain.CurrentDomain.UnhandledException += (_, _) => ChildProcess.KillAll();

        var startedUtc = DateTimeOffset.UtcNow;
        var loadBefore = RunContext.LoadAverage();
        var measurement = new Measurement();
        var failures = new List<RowResult>();
        var targets = new List<Target>();
        var stopped = false;
        var grainCalls = new Dictionary<char, IReadOnlyDictionary<string, double>>();
        ChildProcess? fake = null;
        try
        {
            if (options.Rows.Length > 0)
            {
                (fake, var fakeUri) = await FakeBedrockHost.StartAsync(options, BenchCredential.All, stop.Token);
                Progress($"fake Bedrock at {fakeUri} (pid {fake?.Id.ToString(CultureInfo.InvariantCulture) ?? "external"})");
                foreach (var key in options.Rows)
                {
                    await AddAsync(targets, failures, key, Label(key), options, () => StartAsync(key, options, fakeUri, fake, targets, stop.Token), stop.Token);
                }
            }

            if (options.GatewayUrl is { } external)
            {
                await AddAsync(targets, failures, 'd', options.GatewayLabel, options, async () =>
                {
                    await GatewayHost.WaitUntilServingAsync(null, external, options.GatewayKey, stop.Token);
                    return (null, new AnthropicRequestProfile(external, options.GatewayKey), []);
                }, stop.Token);
            }

            await measurement.RunAsync(targets, options, stop.Token);
            foreach (var target in targets.Where(t => t is { Key: 'c' or 'u', Proxy: not null }))
            {
                try
                {
                    if (await GrainCalls.MeasureAsync((AnthropicRequestProfile)target.Profile, target.Invoker, stop.Token) is { } calls)
                    {
                        grainCalls[target.Key] = calls;
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException or TaskCanceledException && !stop.IsCancellationRequested)
                {
                    Progress($"row {target.Key}: grain calls not counted ({exception.Message})");
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            stopped = true;
            Progress($"stopped (signal or --time-limit {options.TimeLimit.TotalSeconds:0} s); the report has what was measured");
        }
        finally
        {
            foreach (var target in targets)
            {
                await target.DisposeAsync();
            }

            if (fake is not null)
            {
                await fake.DisposeAsync();
            }

            ChildProcess.KillAll();
        }

        var rows = targets.Select(measurement.Row).Concat(failures).OrderBy(r => r.Key).ToList();
        var context = new RunContext(startedUtc, options.Commit, options.Connections, options.FirstWarmup, options.Warmup, options.Rounds,
            options.Duration, options.Probe, options.GatewayEnvironment, loadBefore, RunContext.LoadAverage());
        var markdown = MarkdownReport.Render(rows, context, grainCalls);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Out))!);
        await File.WriteAllTextAsync(options.Out, markdown, CancellationToken.None);
        Console.WriteLine(markdown);
        Progress($"report written to {options.Out}");
        return stopped ? 3 : rows.Any(r => r.Failure is not null) ? 1 : 0;
    }

    private static string Label(char key) => key switch
    {
        'a' => "direct to fake (client signs)",
        'b' => "YARP pass-through (signs)",
        'e' => "this gateway's Bedrock front door",
        'u' => "this gateway, GATEKEEPER=user_token (limits never reached)",
        _ => "this gateway, standalone",
    };

    private static async Task<(ChildProcess? Proxy, RequestProfile Profile, IReadOnlyList<ChildProcess> AlsoWatched)> StartAsync(
        char key, LoadTestOptions options, Uri fakeUri, ChildProcess? fake, IReadOnlyList<Target> started, CancellationToken cancellationToken)
    {
        var credentials = BenchCredential.All;
        IReadOnlyList<ChildProcess> fakeOnly = fake is null ? [] : [fake];
        switch (key)
        {
            case 'a':
                return (null, new BedrockRequestProfile(fakeUri, new BedrockSigner(credentials[0])), fakeOnly);
            case 'b':
                var (yarp, yarpUri) = await YarpHost.StartAsync(options, fakeUri, credentials[0], cancellationToken);
                return (yarp, new BedrockRequestProfile(yarpUri, null), fakeOnly);
            case 'e' when started.FirstOrDefault(t => t.Key == 'c') is { Proxy: { } shared, Profile: AnthropicRequestProfile rowC }:
                // The same gateway process as row c, called on its other door: the difference is the front door's alone.
                return (null, new BedrockRequestProfile(rowC.BaseUri, null, BedrockFrontPath, GatewayHost.ProxyKey), [shared, .. fakeOnly]);
            case 'e':
                var (own, ownUri) = await GatewayHost.StartAsync(options, fakeUri, credentials, cancellationToken);
                return (own, new BedrockRequestProfile(ownUri, null, BedrockFrontPath, GatewayHost.ProxyKey), fakeOnly);
            case 'u':
                var (users, usersUri, token) = await GatewayHost.StartAsync(options, fakeUri, credentials, userToken: true, cancellationToken);
                return (users, new AnthropicRequestProfile(usersUri, token), fakeOnly);
            default:
                var (gateway, gatewayUri) = await GatewayHost.StartAsync(options, fakeUri, credentials, cancellationToken);
                return (gateway, new AnthropicRequestProfile(gatewayUri, GatewayHost.ProxyKey), fakeOnly);
        }
    }

    /// <summary>Starts one row's target; a row that cannot start is reported, not fatal.</summary>
    private static async Task AddAsync(
        List<Target> targets,
        List<RowResult> failures,
        char key,
        string label,
        LoadTestOptions options,
        Func<Task<(ChildProcess? Proxy, RequestProfile Profile, IReadOnlyList<ChildProcess> AlsoWatched)>> start,
        CancellationToken cancellationToken)
    {
        try
        {
            var (proxy, profile, alsoWatched) = await start();
            targets.Add(new Target(key, label, profile, proxy, alsoWatched, options.Connections));
            Progress($"row {key}: {label}{(proxy is null ? "" : $", {proxy.Name} pid {proxy.Id}")}");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Progress($"row {key} could not start: {exception.GetType().Name}: {exception.Message}");
            failures.Add(new RowResult(key, label, null, null, null, [], new Dictionary<int, PhaseResult>(), null, $"{exception.GetType().Name}: {exception.Message}"));
        }
    }

    internal static void Progress(string message) =>
        Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
