using System.Globalization;
using OrleansProxy.LoadTest.Load;
using OrleansProxy.LoadTest.Report;
using OrleansProxy.LoadTest.Targets;

namespace OrleansProxy.LoadTest.Cli;

/// <summary>
/// The measuring itself: a warm-up per target (its fresh process's ramp is kept for the report), then
/// <see cref="LoadTestOptions.Rounds"/> rounds in which every target gets one non-streaming and one streaming
/// window (order rotated each round), then the concurrency sweep (non-streaming windows at each lower level, interleaved
/// the same way), then one unloaded probe each. Keeps whatever finished if stopped early.
/// </summary>
internal sealed class Measurement
{
    private readonly Dictionary<char, List<int>> _ramps = [];
    private readonly Dictionary<(char, bool), List<LoadWindow>> _windows = [];
    private readonly Dictionary<char, LoadWindow> _probes = [];
    private readonly Dictionary<(char, int), List<LoadWindow>> _sweep = [];
    private readonly Dictionary<char, (string Process, long Bytes)> _peakResident = [];

    public async Task RunAsync(IReadOnlyList<Target> targets, LoadTestOptions options, CancellationToken cancellationToken)
    {
        foreach (var target in targets)
        {
            var ramp = await Window(target, false, options.Connections, options.FirstWarmup, TimeSpan.Zero, cancellationToken);
            _ramps[target.Key] = [.. ramp.PerSecond];
            Progress(target, "warm-up", ramp, $"ramp {string.Join(" ", ramp.PerSecond)}");
            await Window(target, true, options.Connections, options.Warmup, TimeSpan.Zero, cancellationToken);
        }

        var slice = options.Duration / options.Rounds;
        for (var round = 0; round < options.Rounds; round++)
        {
            var order = Rotated(targets, round);
            foreach (var stream in new[] { false, true })
            {
                foreach (var target in order)
                {
                    var window = await Window(target, stream, options.Connections, options.Settle, slice, cancellationToken);
                    Record(_windows, (target.Key, stream), window);
                    Progress(target, $"round {round + 1} {(stream ? "streaming" : "non-streaming")}", window, null);
                }
            }
        }

        var sweepSlice = options.SweepDuration / options.Rounds;
        foreach (var connections in options.Sweep)
        {
            for (var round = 0; round < options.Rounds; round++)
            {
                // The sweep compares the gateway with its baselines (a, b, c); row e is measured in the main rounds only.
                foreach (var target in Rotated(targets.Where(t => t.Key != 'e').ToList(), round))
                {
                    var window = await Window(target, false, connections, options.Settle, sweepSlice, cancellationToken);
                    Record(_sweep, (target.Key, connections), window);
                    Progress(target, $"sweep {connections} conn, round {round + 1}", window, null);
                }
            }
        }

        if (options.Probe > TimeSpan.Zero)
        {
            foreach (var target in targets)
            {
                var probe = await Window(target, false, 1, TimeSpan.FromSeconds(1), options.Probe, cancellationToken);
                _probes[target.Key] = probe;
                Progress(target, "unloaded", probe, null);
            }
        }

        foreach (var target in targets)
        {
            if (target.Proxy is { HasExited: false } proxy)
            {
                _peakResident[target.Key] = (proxy.Name, proxy.PeakResidentBytes);
            }
        }
    }

    public RowResult Row(Target target) => new(
        target.Key,
        target.Label,
        Phase(target.Key, false),
        Phase(target.Key, true),
        _probes.TryGetValue(target.Key, out var probe) ? PhaseResult.From([probe]) : null,
        _ramps.GetValueOrDefault(target.Key) ?? [],
        _sweep.Where(s => s.Key.Item1 == target.Key && s.Value.Count > 0).ToDictionary(s => s.Key.Item2, s => PhaseResult.From(s.Value)),
        _peakResident.TryGetValue(target.Key, out var peak) ? peak : null);

    private static List<Target> Rotated(IReadOnlyList<Target> targets, int round) =>
        [.. targets.Skip(round % Math.Max(1, targets.Count)).Concat(targets.Take(round % Math.Max(1, targets.Count)))];

    private PhaseResult? Phase(char key, bool stream) =>
        _windows.TryGetValue((key, stream), out var windows) && windows.Count > 0 ? PhaseResult.From(windows) : null;

    private static void Record<TKey>(Dictionary<TKey, List<LoadWindow>> windowsByKey, TKey key, LoadWindow window)
        where TKey : notnull
    {
        if (!windowsByKey.TryGetValue(key, out var windows))
        {
            windowsByKey[key] = windows = [];
        }

        windows.Add(window);
    }

    private static Task<LoadWindow> Window(
        Target target, bool stream, int connections, TimeSpan leadIn, TimeSpan measured, CancellationToken cancellationToken) =>
        LoadRunner.RunAsync(target.Invoker, target.Profile, stream, connections, leadIn, measured, target.Watched, cancellationToken);

    private static void Progress(Target target, string what, LoadWindow window, string? detail)
    {
        var p50 = window.Total.Count == 0 ? double.NaN : Percentiles.Summarize(window.Total).P50;
        LoadTestCommand.Progress(string.Create(CultureInfo.InvariantCulture,
            $"row {target.Key} {what,-25} {(window.Seconds > 0 ? $"{window.RequestsPerSecond,8:0}/s  p50 {p50,7:0.000} ms  " : "")}" +
            $"errors {window.Errors}{(window.FirstError is { } e ? $" (first: {e})" : "")}{(detail is null ? "" : "  " + detail)}"));
    }
}
