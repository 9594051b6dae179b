namespace OrleansProxy.LoadTest.Load;

/// <summary>
/// One kind of call on one target, over all its measured windows (interleaved rounds): answers completed inside
/// the windows, their latencies (ms), errors, CPU per answer, and each window's own rate (the spread shows how
/// much the machine's other load moved the figures).
/// </summary>
internal sealed record PhaseResult(
    int Connections,
    double Seconds,
    int Completed,
    int Errors,
    string? FirstError,
    LatencySummary Total,
    LatencySummary FirstByte,
    IReadOnlyList<CpuShare> Cpu,
    IReadOnlyList<double> WindowRates)
{
    public double RequestsPerSecond => Seconds > 0 ? Completed / Seconds : double.NaN;

    public static PhaseResult From(IReadOnlyList<LoadWindow> windows)
    {
        var seconds = windows.Sum(w => w.Seconds);
        var completed = windows.Sum(w => w.Total.Count);
        var cpu = windows.SelectMany(w => w.CpuUsed)
            .GroupBy(c => c.Process)
            .Select(g =>
            {
                var used = TimeSpan.FromTicks(g.Sum(c => c.Cpu.Ticks));
                return new CpuShare(g.Key, completed == 0 ? double.NaN : used.TotalMicroseconds / completed, used.TotalSeconds / seconds);
            })
            .ToList();
        return new PhaseResult(
            windows[0].Connections,
            seconds,
            completed,
            windows.Sum(w => w.Errors),
            windows.Select(w => w.FirstError).FirstOrDefault(e => e is not null),
            Percentiles.Summarize([.. windows.SelectMany(w => w.Total)]),
            Percentiles.Summarize([.. windows.SelectMany(w => w.FirstByte)]),
            cpu,
            [.. windows.Select(w => w.RequestsPerSecond)]);
    }
}

/// <summary>p50 and p99 (nearest rank over all samples, sorted), in milliseconds.</summary>
internal sealed record LatencySummary(double P50, double P99, double Mean)
{
    public static LatencySummary Empty { get; } = new(double.NaN, double.NaN, double.NaN);
}

/// <summary>CPU time a process used during the measured windows, per completed answer, and cores it kept busy.</summary>
internal sealed record CpuShare(string Process, double MicrosecondsPerRequest, double CoresBusy);
