using System.Diagnostics;
using System.Net;
using OrleansProxy.LoadTest.Hosting;
using OrleansProxy.LoadTest.Requests;

namespace OrleansProxy.LoadTest.Load;

/// <summary>Runs one window: <c>connections</c> closed-loop workers, an unmeasured lead-in, then the measured part.</summary>
internal static class LoadRunner
{
    private static readonly TimeSpan Straggling = TimeSpan.FromSeconds(15);

    public static async Task<LoadWindow> RunAsync(
        HttpMessageInvoker invoker,
        RequestProfile profile,
        bool stream,
        int connections,
        TimeSpan warmup,
        TimeSpan duration,
        IReadOnlyList<ChildProcess> watched,
        CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + Ticks(warmup);
        var measureTo = measureFrom + Ticks(duration);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(warmup + duration + Straggling);

        var workers = Enumerable.Range(0, connections)
            .Select(_ => new LoadWorker(invoker, profile, stream, start, measureFrom, measureTo))
            .ToList();
        var running = workers.Select(w => Task.Run(() => w.RunAsync(bound.Token), CancellationToken.None)).ToList();

        await Task.Delay(warmup, cancellationToken);
        var cpuBefore = SampleCpu(watched);
        await Task.Delay(duration, cancellationToken);
        var cpuAfter = SampleCpu(watched);
        await Task.WhenAll(running);
        cancellationToken.ThrowIfCancellationRequested();

        var seconds = (int)Math.Ceiling((warmup + duration).TotalSeconds);
        return new LoadWindow(
            connections,
            warmup.TotalSeconds,
            duration.TotalSeconds,
            [.. workers.SelectMany(w => w.Total)],
            [.. workers.SelectMany(w => w.FirstByte)],
            workers.Sum(w => w.Errors),
            workers.Select(w => w.FirstError).FirstOrDefault(e => e is not null),
            [.. Enumerable.Range(0, Math.Min(seconds, workers[0].PerSecond.Length)).Select(i => workers.Sum(w => w.PerSecond[i]))],
            [.. cpuAfter.Select((after, i) => (after.Name, after.Cpu - cpuBefore[i].Cpu))]);
    }

    /// <summary>A client like a well-behaved SDK's: pooled keep-alive connections, enough of them, nothing in between.</summary>
    public static HttpMessageInvoker CreateInvoker(int connections) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        ConnectTimeout = TimeSpan.FromSeconds(5),
    });

    private static List<(string Name, TimeSpan Cpu)> SampleCpu(IReadOnlyList<ChildProcess> watched)
    {
        var samples = new List<(string, TimeSpan)>();
        using (var self = Process.GetCurrentProcess())
        {
            samples.Add(("load generator", self.TotalProcessorTime));
        }

        samples.AddRange(watched.Select(child => (child.Name, child.CpuTime)));
        return samples;
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
