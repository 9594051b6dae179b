namespace OrleansProxy.LoadTest.Load;

/// <summary>
/// One measured phase: answers that completed inside the measured window, their latencies (ms), errors, and
/// the CPU each watched process spent per answer.
/// </summary>
internal sealed record PhaseResult(
    int Connections,
    double WarmupSeconds,
    double Seconds,
    int Completed,
    int Errors,
    string? FirstError,
    LatencySummary Total,
    LatencySummary FirstByte,
    IReadOnlyList<CpuShare> Cpu,
    IReadOnlyList<int> PerSecond)
{
    public double RequestsPerSecond => Completed / Seconds;

    /// <summary>
    /// Good answers per second in the first and second half of the measured window (whole seconds only): far
    /// apart means the target was still warming up or the machine's other load changed.
    /// </summary>
    public (double First, double Second) Halves
    {
        get
        {
            var measured = PerSecond.Skip((int)Math.Ceiling(WarmupSeconds)).Take((int)Seconds).ToList();
            var half = measured.Count / 2;
            return half == 0 ? (double.NaN, double.NaN) : (measured.Take(half).Average(), measured.Skip(half).Take(half).Average());
        }
    }
}

/// <summary>p50 and p99 (nearest rank over all samples, sorted), in milliseconds.</summary>
internal sealed record LatencySummary(double P50, double P99, double Mean)
{
    public static LatencySummary Empty { get; } = new(double.NaN, double.NaN, double.NaN);
}

/// <summary>CPU time a process used during the measured window, per completed answer.</summary>
internal sealed record CpuShare(string Process, double MicrosecondsPerRequest, double CoresBusy);
