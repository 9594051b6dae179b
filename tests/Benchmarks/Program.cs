using BenchmarkDotNet.Running;

namespace OrleansProxy.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/Benchmarks -- --filter '*'</c>; every BenchmarkDotNet switch works
/// (<c>--list flat</c>, <c>--filter '*Selection*'</c>, <c>--job short</c> …). See bench/README.md.
/// </summary>
public static class Program
{
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, QuickConfig.Create());
}
