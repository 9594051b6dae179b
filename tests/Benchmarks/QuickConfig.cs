using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace OrleansProxy.Benchmarks;

/// <summary>
/// The suite's default job: short enough that every benchmark together runs in a few minutes on a shared
/// 2-core machine, long enough (8 measured iterations of ~250 ms) that the error columns mean something.
/// </summary>
public static class QuickConfig
{
    /// <summary>The default config plus the quick job.</summary>
    public static IConfig Create() => DefaultConfig.Instance
        .AddJob(Job.Default
            .WithId("Quick")
            // In-process: no per-benchmark project generation and build (tens of seconds each on 2 cores, and the
            // generated project would inherit the repo's warnings-as-errors); the host is already a Release build.
            .WithToolchain(InProcessEmitToolchain.DontLogOutput)
            .WithWarmupCount(3)
            .WithIterationCount(8)
            .WithIterationTime(TimeInterval.FromMilliseconds(250)));
}
