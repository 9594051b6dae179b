using OrleansProxy.LoadTest.Cli;
using OrleansProxy.LoadTest.Hosting;
using OrleansProxy.LoadTest.Signing;

namespace OrleansProxy.LoadTest.Targets;

/// <summary>Row (b): this tool's own <c>yarp</c> subcommand as a separate process, signing with one credential.</summary>
internal static class YarpHost
{
    private const string Ready = "YARP listening on ";

    public static async Task<(ChildProcess Process, Uri BaseUri)> StartAsync(
        LoadTestOptions options, Uri fake, BenchCredential credential, CancellationToken cancellationToken)
    {
        var child = ChildProcess.StartDotnet(
            "YARP pass-through",
            typeof(YarpHost).Assembly.Location,
            ["yarp", "--upstream", fake.ToString(), "--credential", BenchCredential.ToList([credential]), "--urls", "http://127.0.0.1:0"],
            ChildEnvironment.Base(),
            Path.Combine(options.Logs, "yarp.log"));
        var line = await child.WaitForLineAsync(l => l.StartsWith(Ready, StringComparison.Ordinal), TimeSpan.FromSeconds(60), cancellationToken);
        return (child, new Uri(line[Ready.Length..].Trim()));
    }
}
