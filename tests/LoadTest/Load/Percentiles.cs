using System.Diagnostics;

namespace OrleansProxy.LoadTest.Load;

/// <summary>Exact percentiles over every sample: sort, then nearest rank.</summary>
internal static class Percentiles
{
    public static LatencySummary Summarize(List<long> stopwatchTicks)
    {
        if (stopwatchTicks.Count == 0)
        {
            return LatencySummary.Empty;
        }

        var sorted = stopwatchTicks.ToArray();
        Array.Sort(sorted);
        return new LatencySummary(Milliseconds(At(sorted, 0.50)), Milliseconds(At(sorted, 0.99)), Milliseconds((long)sorted.Average()));
    }

    private static long At(long[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
