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
/// The comparison run: start the fake, measure each row in turn (starting and stopping its proxy process), write
/// the Markdown report. Bounded by <see cref="LoadTestOptions.TimeLimit"/>; children die with the run, however it ends.
/// </summary>
internal static class LoadTestCommand
{
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
        var rows = new List<RowResult>();
        var stopped = false;
        ChildProcess? fake = null;
        try
        {
            Uri? fakeUri = null;
            if (options.Rows.Length > 0)
            {
                (fake, fakeUri) = await FakeBedrockHost.StartAsync(options, BenchCredential.All, stop.Token);
                Progress($"fake Bedrock at {fakeUri}");
            }

            foreach (var key in options.Rows)
            {
                rows.Add(await RunRowAsync(key, options, fakeUri!, fake, stop.Token));
            }

            if (options.GatewayUrl is { } external)
            {
                rows.Add(await MeasureAsync('d', options.GatewayLabel, options, [], async () =>
                {
                    await GatewayHost.WaitUntilServingAsync(null, external, options.GatewayKey, stop.Token);
                    return (null, new AnthropicRequestProfile(external, options.GatewayKey));
                }, stop.Token));
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            stopped = true;
            Progress($"stopped (signal or --time-limit {options.TimeLimit.TotalSeconds:0} s); the report has the rows that finished");
        }
        finally
        {
            if (fake is not null)
            {
                await fake.DisposeAsync();
            }

            ChildProcess.KillAll();
        }

        var context = new RunContext(startedUtc, options.Commit, options.Connections, options.FirstWarmup, options.Warmup, options.Duration, options.Probe,
            options.GatewayEnvironment, loadBefore, RunContext.LoadAverage());
        var markdown = MarkdownReport.Render(rows, context);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Out))!);
        await File.WriteAllTextAsync(options.Out, markdown, CancellationToken.None);
        Console.WriteLine(markdown);
        Progress($"report written to {options.Out}");
        return stopped ? 3 : rows.Any(r => r.Failure is not null) ? 1 : 0;
    }

    private static Task<RowResult> RunRowAsync(char key, LoadTestOptions options, Uri fakeUri, ChildProcess? fake, CancellationToken cancellationToken)
    {
        var credentials = BenchCredential.All;
        IReadOnlyList<ChildProcess> fakeOnly = fake is null ? [] : [fake];
        return key switch
        {
            'a' => MeasureAsync('a', "direct to fake (client signs)", options, fakeOnly, () =>
                Task.FromResult<(ChildProcess?, RequestProfile)>((null, new BedrockRequestProfile(fakeUri, new BedrockSigner(credentials[0])))), cancellationToken),
            'b' => MeasureAsync('b', "YARP pass-through (signs)", options, fakeOnly, async () =>
            {
                var (yarp, uri) = await YarpHost.StartAsync(options, fakeUri, credentials[0], cancellationToken);
                return (yarp, new BedrockRequestProfile(uri, null));
            }, cancellationToken),
            _ => MeasureAsync('c', "this gateway, standalone", options, fakeOnly, async () =>
            {
                var (gateway, uri) = await GatewayHost.StartAsync(options, fakeUri, credentials, cancellationToken);
                return (gateway, new AnthropicRequestProfile(uri, GatewayHost.ProxyKey));
            }, cancellationToken),
        };
    }

    /// <summary>Starts the row's proxy (if any), runs its three phases, stops it. A row that fails is reported, not fatal.</summary>
    private static async Task<RowResult> MeasureAsync(
        char key,
        string label,
        LoadTestOptions options,
        IReadOnlyList<ChildProcess> alsoWatched,
        Func<Task<(ChildProcess? Proxy, RequestProfile Profile)>> start,
        CancellationToken cancellationToken)
    {
        Progress($"row {key}: {label}");
        ChildProcess? proxy = null;
        try
        {
            (proxy, var profile) = await start();
            if (proxy is not null)
            {
                Progress($"row {key}: {proxy.Name} is pid {proxy.Id}");
            }

            IReadOnlyList<ChildProcess> watched = proxy is null ? alsoWatched : [proxy, .. alsoWatched];
            var calls = await Phase(key, "non-streaming", profile, false, options.Connections, options.FirstWarmup, options.Duration, watched, cancellationToken);
            var streams = await Phase(key, "streaming", profile, true, options.Connections, options.Warmup, options.Duration, watched, cancellationToken);
            var unloaded = options.Probe > TimeSpan.Zero
                ? await Phase(key, "unloaded", profile, false, 1, TimeSpan.FromSeconds(1), options.Probe, watched, cancellationToken)
                : null;
            return new RowResult(key, label, calls, streams, unloaded);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Progress($"row {key} failed: {exception.GetType().Name}: {exception.Message}");
            return new RowResult(key, label, null, null, null, $"{exception.GetType().Name}: {exception.Message}");
        }
        finally
        {
            if (proxy is not null)
            {
                await proxy.DisposeAsync();
            }
        }
    }

    private static async Task<PhaseResult> Phase(
        char key, string name, RequestProfile profile, bool stream, int connections, TimeSpan warmup, TimeSpan duration,
        IReadOnlyList<ChildProcess> watched, CancellationToken cancellationToken)
    {
        var result = await LoadRunner.RunAsync(profile, stream, connections, warmup, duration, watched, cancellationToken);
        Progress(string.Create(CultureInfo.InvariantCulture,
            $"row {key} {name,-13} {result.RequestsPerSecond,8:0}/s  p50 {result.Total.P50,7:0.000} ms  p99 {result.Total.P99,7:0.000} ms  " +
            $"ttfb p50 {result.FirstByte.P50,7:0.000} ms  errors {result.Errors}{(result.FirstError is { } e ? $" (first: {e})" : "")}"));
        return result;
    }

    private static void Progress(string message) =>
        Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
