using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using OrleansProxy.LoadTest.Load;

namespace OrleansProxy.LoadTest.Report;

/// <summary>The run's Markdown: settings, one table per kind of call with ratios against (a) and (b), targets, CPU.</summary>
internal static class MarkdownReport
{
    private const double RpsTarget = 0.6;
    private const double AddedP50TargetMs = 1.0;
    private const double FrontDoorTolerance = 0.10;

    public static string Render(IReadOnlyList<RowResult> rows, RunContext context,
        IReadOnlyDictionary<char, IReadOnlyDictionary<string, double>>? grainCalls = null)
    {
        var md = new StringBuilder();
        var direct = rows.FirstOrDefault(r => r.Key == 'a');
        var yarp = rows.FirstOrDefault(r => r.Key == 'b');

        Line(md, $"# OrleansProxy load test — {context.StartedUtc:yyyy-MM-dd HH:mm} UTC");
        Line(md);
        Line(md, $"- Commit: `{context.Commit ?? "unknown"}`; .NET {Environment.Version}; {RuntimeInformation.OSDescription.Trim()}.");
        Line(md, $"- **Shared CPU:** {Environment.ProcessorCount} cores for everything — load generator, fake Bedrock, YARP, gateway " +
                 $"(and whatever else the machine runs: load average {context.LoadBefore} before, {context.LoadAfter} after). " +
                 "Loaded figures are relative, not capacity; the CPU table says where the time went.");
        Line(md, $"- Load: {context.Connections} keep-alive HTTP/1.1 connections, one request in flight on each (closed loop). " +
                 $"Every target is started first and warmed up ({context.FirstWarmup.TotalSeconds:0.#} s non-streaming, " +
                 $"{context.Warmup.TotalSeconds:0.#} s streaming); then {context.Rounds} interleaved rounds, each giving every target one " +
                 $"non-streaming and one streaming window (order rotated per round, 1 s unmeasured lead-in each), " +
                 $"{context.Duration.TotalSeconds:0.#} s measured per target and kind in all; then unloaded latency: 1 connection, " +
                 $"{context.Probe.TotalSeconds:0.#} s. Only answers completed inside a measured window count.");
        Line(md, "- Upstream: fake Bedrock (tests/FakeBedrock), zero latency, request log off, SigV4 verified on every call. " +
                 "Bodies: Bedrock Messages (`max_tokens` 16) for a/b, Anthropic Messages `claude-3-haiku-20240307` for c/d.");
        Line(md, "- Rows: **a** client signs (AWSSDK.Core `AWSSigV4Signer`) and calls the fake; **b** plain YARP `IHttpForwarder` " +
                 "pass-through that buffers, signs with one credential and forwards (no Orleans, pool or translation); " +
                 "**c** this gateway standalone (co-hosted silo, 4 credentials in 2 regions, default settings" +
                 (context.GatewayEnvironment.Count > 0 ? $", plus {string.Join(", ", context.GatewayEnvironment.Select(p => $"`{p.Key}={p.Value}`"))}" : "") +
                 "); **d** a gateway given by `--gateway-url`; **e** row c's gateway process called on its Bedrock front door " +
                 "(`/proxy/aws/bedrock/model/anthropic.claude-3-haiku-20240307-v1:0/invoke`, row a's body, the proxy key as bearer token).");
        Line(md, "- Percentiles: exact, nearest rank over every sample. Streaming TTFB = until the first body bytes arrive.");
        Line(md);

        Line(md, "## Small non-streaming calls");
        Line(md);
        Line(md, "| row | target | requests/s | p50 ms | p99 ms | errors | rps vs direct | rps vs YARP | p50 over direct | p50 over YARP | unloaded p50 ms | unloaded p50 over direct |");
        Line(md, "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var row in rows)
        {
            var c = row.Calls;
            Line(md, $"| {row.Key} | {row.Label} | {Num(c?.RequestsPerSecond, "0")} | {Num(c?.Total.P50)} | {Num(c?.Total.P99)} | {Errors(c, row)} | " +
                     $"{Ratio(c?.RequestsPerSecond, direct?.Calls?.RequestsPerSecond)} | {Ratio(c?.RequestsPerSecond, yarp?.Calls?.RequestsPerSecond)} | " +
                     $"{Delta(c?.Total.P50, direct?.Calls?.Total.P50)} | {Delta(c?.Total.P50, yarp?.Calls?.Total.P50)} | " +
                     $"{Num(row.Unloaded?.Total.P50, "0.000")} | {Delta(row.Unloaded?.Total.P50, direct?.Unloaded?.Total.P50, "0.000")} |");
        }

        Line(md);
        Line(md, "## Streaming calls");
        Line(md);
        Line(md, "| row | target | streams/s | TTFB p50 ms | TTFB p99 ms | total p50 ms | errors | streams/s vs direct | streams/s vs YARP | TTFB p50 over direct | TTFB p50 over YARP |");
        Line(md, "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var row in rows)
        {
            var s = row.Streams;
            Line(md, $"| {row.Key} | {row.Label} | {Num(s?.RequestsPerSecond, "0")} | {Num(s?.FirstByte.P50)} | {Num(s?.FirstByte.P99)} | {Num(s?.Total.P50)} | {Errors(s, row)} | " +
                     $"{Ratio(s?.RequestsPerSecond, direct?.Streams?.RequestsPerSecond)} | {Ratio(s?.RequestsPerSecond, yarp?.Streams?.RequestsPerSecond)} | " +
                     $"{Delta(s?.FirstByte.P50, direct?.Streams?.FirstByte.P50)} | {Delta(s?.FirstByte.P50, yarp?.Streams?.FirstByte.P50)} |");
        }

        RenderSweep(md, rows, context);

        Line(md);
        Line(md, "## CPU per answer (measured windows, non-streaming / streaming)");
        Line(md);
        Line(md, "µs of CPU (user + system) each process spent per completed answer, and cores it kept busy on average; " +
                 "for a proxy this run started, its peak resident memory over the whole run.");
        Line(md);
        Line(md, "| row | process | µs/call | cores busy | µs/stream | cores busy | peak RSS MB |");
        Line(md, "|---|---|--:|--:|--:|--:|--:|");
        foreach (var row in rows)
        {
            foreach (var process in (row.Calls?.Cpu ?? row.Streams?.Cpu ?? []).Select(c => c.Process))
            {
                var call = row.Calls?.Cpu.FirstOrDefault(c => c.Process == process);
                var stream = row.Streams?.Cpu.FirstOrDefault(c => c.Process == process);
                var proxy = row.PeakResident is { } peak && peak.Process == process ? Num(peak.Bytes / (1024.0 * 1024.0), "0") : "";
                Line(md, $"| {row.Key} | {process} | {Num(call?.MicrosecondsPerRequest, "0")} | {Num(call?.CoresBusy, "0.00")} | " +
                         $"{Num(stream?.MicrosecondsPerRequest, "0")} | {Num(stream?.CoresBusy, "0.00")} | {proxy} |");
            }
        }

        Line(md);
        Line(md, "## Warm-up and steadiness");
        Line(md);
        Line(md, "Good non-streaming answers per second during each fresh target's warm-up, and each measured window's rate " +
                 "(round by round): a spread between rounds is the machine's other load, which interleaving spreads over every row.");
        Line(md);
        Line(md, "| row | warm-up ramp (answers/s, second by second) | calls/s per round | streams/s per round |");
        Line(md, "|---|---|--:|--:|");
        foreach (var row in rows.Where(r => r.Failure is null))
        {
            Line(md, $"| {row.Key} | {string.Join(" ", row.Ramp)} | {Rates(row.Calls)} | {Rates(row.Streams)} |");
        }

        Line(md);
        Line(md, "## The issue's targets (row c)");
        Line(md);
        var gateway = rows.FirstOrDefault(r => r.Key == 'c');
        if (gateway?.Calls is { Completed: > 0 } g && yarp?.Calls is { Completed: > 0 } y && direct?.Calls is { Completed: > 0 } d)
        {
            var ratio = g.RequestsPerSecond / y.RequestsPerSecond;
            var added = g.Total.P50 - d.Total.P50;
            Line(md, $"- Requests/s at least {RpsTarget:0.0}× YARP's: **{ratio:0.00}×** — {(ratio >= RpsTarget ? "met" : "missed")}.");
            Line(md, $"- Under {AddedP50TargetMs:0} ms p50 over direct, at {context.Connections} connections: **{added:+0.00;-0.00} ms** — {(added < AddedP50TargetMs ? "met" : "missed")}.");
            var levels = Levels(rows, context).ToList();
            if (levels.Count > 1)
            {
                Line(md, $"- Across the sweep, requests/s at least {RpsTarget:0.0}× YARP's at {Connections(levels.Where(l => l.RpsMet))}; " +
                         $"under {AddedP50TargetMs:0} ms p50 over direct at {Connections(levels.Where(l => l.LatencyMet))}; " +
                         $"both at once at {Connections(levels.Where(l => l.Met))}.");
            }

            RenderSaturationBudget(md, d, y, g, context);
            if (gateway.Unloaded is { } gu && direct.Unloaded is { } du)
            {
                var unloaded = gu.Total.P50 - du.Total.P50;
                Line(md, $"- Same, unloaded (1 connection): **{unloaded:+0.000;-0.000} ms** — {(unloaded < AddedP50TargetMs ? "met" : "missed")}. " +
                         "With every process on 2 shared cores, the loaded p50 is mostly queueing (Little's law: p50 ≈ connections ÷ throughput), " +
                         "so the unloaded figure is the cleaner measure of added latency.");
            }
        }
        else
        {
            Line(md, "- Not judged: rows a, b and c did not all complete with answers.");
        }

        RenderFrontDoor(md, rows);
        RenderUsers(md, rows);
        RenderGrainCalls(md, grainCalls);
        foreach (var row in rows.Where(r => r.Failure is not null || (r.Calls?.FirstError ?? r.Streams?.FirstError) is not null))
        {
            Line(md);
            Line(md, $"Row {row.Key}: {row.Failure ?? row.Calls?.FirstError ?? row.Streams?.FirstError}");
        }

        return md.ToString();
    }

    /// <summary>The users' target: row u (user_token mode, limits never reached) within 10 % of row c's requests/s.</summary>
    private static void RenderUsers(StringBuilder md, IReadOnlyList<RowResult> rows) =>
        RenderAgainstRowC(md, rows, 'u', "The users' target (row u vs row c)", "Streams/s",
            "Row u's gateway is its own process (row c's runs in PROXY_KEY mode); each request adds one grain call on its path (the user's admission) and a release sent off the path, batched per user.");

    /// <summary>
    /// Grain calls per request in rows c and u, by method, and what user_token mode adds; the users' target allows one
    /// call on the request's path.
    /// </summary>
    private static void RenderGrainCalls(StringBuilder md, IReadOnlyDictionary<char, IReadOnlyDictionary<string, double>>? grainCalls)
    {
        if (grainCalls is not { Count: > 0 })
        {
            return;
        }

        Line(md);
        Line(md, "## Grain calls per request (rows c and u)");
        Line(md);
        Line(md, $"Counted by the gateway's silo (`proxy.grain.calls`, every grain call received, one-way ones included) over " +
                 $"{GrainCalls.Requests} sequential requests after the load (half streamed), so background work " +
                 "(pool sweeps, usage flushes) is included as it happened in that window.");
        Line(md);
        var keys = grainCalls.Keys.Order().ToList();
        Line(md, "| grain method | " + string.Join(" | ", keys.Select(k => $"row {k}")) + " |");
        Line(md, "|---|" + string.Concat(keys.Select(_ => "--:|")));
        foreach (var method in grainCalls.Values.SelectMany(v => v.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            Line(md, $"| {method} | " + string.Join(" | ", keys.Select(k => grainCalls[k].TryGetValue(method, out var n) ? n.ToString("0.00", CultureInfo.InvariantCulture) : "–")) + " |");
        }

        Line(md, "| **total** | " + string.Join(" | ", keys.Select(k => $"**{grainCalls[k].Values.Sum().ToString("0.00", CultureInfo.InvariantCulture)}**")) + " |");
        if (grainCalls.TryGetValue('c', out var c) && grainCalls.TryGetValue('u', out var u))
        {
            var added = u.Values.Sum() - c.Values.Sum();
            Line(md);
            Line(md, $"- user_token mode adds **{added.ToString("0.00", CultureInfo.InvariantCulture)}** grain calls per request (target: at most 1 on the request's path; " +
                     "calls off the path, such as a batched release, are listed above).");
        }
    }

    /// <summary>The Bedrock front door's target: within 10 % of row c's requests/s (and streams/s), same gateway.</summary>
    private static void RenderFrontDoor(StringBuilder md, IReadOnlyList<RowResult> rows) =>
        RenderAgainstRowC(md, rows, 'e', "The Bedrock front door's target (row e vs row c)",
            "Streams/s (re-framed as an AWS event stream rather than translated to SSE)", null);

    /// <summary>Row <paramref name="key"/>'s requests/s (and streams/s) as a ratio of row c's, judged within 10 %.</summary>
    private static void RenderAgainstRowC(StringBuilder md, IReadOnlyList<RowResult> rows, char key, string title, string streams, string? note)
    {
        var gateway = rows.FirstOrDefault(r => r.Key == 'c');
        var row = rows.FirstOrDefault(r => r.Key == key);
        if (row is null)
        {
            return;
        }

        Line(md);
        Line(md, "## " + title);
        Line(md);
        if (gateway?.Calls is { Completed: > 0 } c && row.Calls is { Completed: > 0 } r)
        {
            var ratio = r.RequestsPerSecond / c.RequestsPerSecond;
            Line(md, $"- Requests/s within {FrontDoorTolerance:0%} of row c's: **{ratio:0.00}×** — {(ratio >= 1 - FrontDoorTolerance ? "met" : "missed")}.");
            if (gateway.Streams is { Completed: > 0 } cs && row.Streams is { Completed: > 0 } rs)
            {
                Line(md, $"- {streams}: **{rs.RequestsPerSecond / cs.RequestsPerSecond:0.00}×** row c's.");
            }

            if (note is not null)
            {
                Line(md, "- " + note);
            }
        }
        else
        {
            Line(md, $"- Not judged: rows c and {key} did not both complete with answers.");
        }
    }

    /// <summary>
    /// Explains the loaded p50 target from the CPU table. When every row keeps the machine's cores busy, a closed loop
    /// of N connections waits about N × (CPU per call of all processes) ÷ cores per call, so what a proxy adds to p50 over
    /// direct is about N × (its row's CPU per call − direct's) ÷ cores. Shown with the measured figure beside the model's,
    /// and the CPU budget the 1 ms target leaves at this concurrency.
    /// </summary>
    private static void RenderSaturationBudget(StringBuilder md, PhaseResult direct, PhaseResult yarp, PhaseResult gateway, RunContext context)
    {
        var cores = Environment.ProcessorCount;
        double CpuPerCall(PhaseResult phase) => phase.Cpu.Sum(c => c.MicrosecondsPerRequest);
        double CoresBusy(PhaseResult phase) => phase.Cpu.Sum(c => c.CoresBusy);
        if (direct.Cpu.Count == 0 || yarp.Cpu.Count == 0 || gateway.Cpu.Count == 0)
        {
            return;
        }

        var baseline = CpuPerCall(direct);
        var budget = AddedP50TargetMs * 1000 * cores / context.Connections;
        string Proxy(string name, PhaseResult phase)
        {
            var extra = CpuPerCall(phase) - baseline;
            var model = context.Connections * extra / cores / 1000;
            return $"{name} {extra:0} µs per call (model {model:+0.00;-0.00} ms, measured {phase.Total.P50 - direct.Total.P50:+0.00;-0.00} ms: " +
                   $"{(extra < budget ? "within" : "over")} the budget)";
        }

        Line(md, $"- What the loaded p50 measures here: rows a, b and c kept {CoresBusy(direct):0.0}, {CoresBusy(yarp):0.0} and " +
                 $"{CoresBusy(gateway):0.0} of the {cores} cores busy, so every µs of CPU a call costs any process is queueing for the " +
                 $"others: p50 over direct ≈ connections × (CPU per call of the row − of row a) ÷ cores. Under {AddedP50TargetMs:0} ms " +
                 $"at {context.Connections} connections leaves **{budget:0} µs** per call for everything the proxy adds; " +
                 $"{Proxy("YARP with signing adds", yarp)}, {Proxy("this gateway", gateway)}.");
    }

    /// <summary>Rows a, b, c at each concurrency: the sweep's levels, then the main rounds' level.</summary>
    private static void RenderSweep(StringBuilder md, IReadOnlyList<RowResult> rows, RunContext context)
    {
        var levels = Levels(rows, context).ToList();
        if (levels.Count <= 1)
        {
            return;
        }

        Line(md);
        Line(md, "## Concurrency sweep (small non-streaming calls)");
        Line(md);
        Line(md, "Each level measured on rows a, b and c in the same interleaved way (the last line is the main rounds above). " +
                 "On 2 shared cores, p50 ≈ connections ÷ throughput once the cores are saturated: where that begins, the gateway's " +
                 "extra CPU per call turns into queueing.");
        Line(md);
        Line(md, "| connections | a rps | a p50 ms | b rps | b p50 ms | c rps | c p50 ms | c rps ÷ b | c p50 over a | both targets |");
        Line(md, "|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|");
        foreach (var level in levels)
        {
            Line(md, $"| {level.Connections} | {Num(level.Direct.RequestsPerSecond, "0")} | {Num(level.Direct.Total.P50, "0.000")} | " +
                     $"{Num(level.Yarp.RequestsPerSecond, "0")} | {Num(level.Yarp.Total.P50, "0.000")} | " +
                     $"{Num(level.Gateway.RequestsPerSecond, "0")} | {Num(level.Gateway.Total.P50, "0.000")} | " +
                     $"{Ratio(level.Gateway.RequestsPerSecond, level.Yarp.RequestsPerSecond)} | " +
                     $"{Delta(level.Gateway.Total.P50, level.Direct.Total.P50, "0.000")} | {(level.Met ? "met" : "missed")} |");
        }
    }

    private static IEnumerable<Level> Levels(IReadOnlyList<RowResult> rows, RunContext context)
    {
        var direct = rows.FirstOrDefault(r => r.Key == 'a');
        var yarp = rows.FirstOrDefault(r => r.Key == 'b');
        var gateway = rows.FirstOrDefault(r => r.Key == 'c');
        if (direct is null || yarp is null || gateway is null)
        {
            yield break;
        }

        foreach (var connections in gateway.Sweep.Keys.Where(c => c < context.Connections).Order())
        {
            if (direct.Sweep.TryGetValue(connections, out var d) && yarp.Sweep.TryGetValue(connections, out var y) &&
                gateway.Sweep[connections] is { Completed: > 0 } g && d.Completed > 0 && y.Completed > 0)
            {
                yield return new Level(connections, d, y, g);
            }
        }

        if (direct.Calls is { Completed: > 0 } dc && yarp.Calls is { Completed: > 0 } yc && gateway.Calls is { Completed: > 0 } gc)
        {
            yield return new Level(context.Connections, dc, yc, gc);
        }
    }

    private static string Connections(IEnumerable<Level> levels)
    {
        var list = levels.Select(l => l.Connections.ToString(CultureInfo.InvariantCulture)).ToList();
        return list.Count == 0 ? "no level" : string.Join(", ", list) + (list is ["1"] ? " connection" : " connections");
    }

    private sealed record Level(int Connections, PhaseResult Direct, PhaseResult Yarp, PhaseResult Gateway)
    {
        public bool RpsMet => Gateway.RequestsPerSecond / Yarp.RequestsPerSecond >= RpsTarget;

        public bool LatencyMet => Gateway.Total.P50 - Direct.Total.P50 < AddedP50TargetMs;

        public bool Met => RpsMet && LatencyMet;
    }

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');

    private static string Rates(PhaseResult? phase) =>
        phase is null ? "—" : string.Join(" / ", phase.WindowRates.Select(r => Num(r, "0")));

    private static string Num(double? value, string format = "0.00") =>
        value is { } v && !double.IsNaN(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "—";

    private static string Errors(PhaseResult? phase, RowResult row) =>
        phase is null ? (row.Failure is null ? "—" : "failed") : phase.Errors.ToString(CultureInfo.InvariantCulture);

    private static string Ratio(double? value, double? baseline) =>
        value is { } v && baseline is { } b && b > 0 ? (v / b).ToString("0.00", CultureInfo.InvariantCulture) + "×" : "—";

    private static string Delta(double? value, double? baseline, string format = "0.00") =>
        value is { } v && baseline is { } b && !double.IsNaN(v) && !double.IsNaN(b)
            ? (v - b).ToString("+" + format + ";-" + format, CultureInfo.InvariantCulture) + " ms"
            : "—";
}
