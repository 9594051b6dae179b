namespace OrleansProxy.LoadTest.Load;

/// <summary>
/// The raw result of one load window on one target: every good answer's latency and time to first byte
/// (Stopwatch ticks) inside the measured part, errors, answers per second since the window began (warm-up
/// included), and the CPU each watched process used during the measured part.
/// </summary>
internal sealed record LoadWindow(
    int Connections,
    double WarmupSeconds,
    double Seconds,
    List<long> Total,
    List<long> FirstByte,
    int Errors,
    string? FirstError,
    IReadOnlyList<int> PerSecond,
    IReadOnlyList<(string Process, TimeSpan Cpu)> CpuUsed)
{
    public double RequestsPerSecond => Seconds > 0 ? Total.Count / Seconds : double.NaN;
}
