using System.Net.Http.Json;
using OrleansProxy.LoadTest.Cli;
using OrleansProxy.LoadTest.Hosting;
using OrleansProxy.LoadTest.Signing;

namespace OrleansProxy.LoadTest.Targets;

/// <summary>
/// The fake Bedrock every row ends at: started as a child (zero latency, request log off), or an already-running
/// one given by <c>--fake-url</c>, where the run's credentials are registered through the control API.
/// </summary>
internal static class FakeBedrockHost
{
    private const string Ready = "FakeBedrock listening on ";

    public static async Task<(ChildProcess? Process, Uri BaseUri)> StartAsync(
        LoadTestOptions options, IReadOnlyList<BenchCredential> credentials, CancellationToken cancellationToken)
    {
        if (options.FakeUrl is { } running)
        {
            await RegisterAsync(running, credentials, cancellationToken);
            return (null, running);
        }

        var child = ChildProcess.StartDotnet(
            "fake Bedrock",
            options.FakeDll!,
            ["--urls", "http://127.0.0.1:0", "--credentials", BenchCredential.ToList(credentials), "--request-log-capacity", "0"],
            ChildEnvironment.Base(),
            Path.Combine(options.Logs, "fake-bedrock.log"));
        var line = await child.WaitForLineAsync(l => l.StartsWith(Ready, StringComparison.Ordinal), TimeSpan.FromSeconds(60), cancellationToken);
        return (child, new Uri(line[Ready.Length..].Trim()));
    }

    private static async Task RegisterAsync(Uri fake, IReadOnlyList<BenchCredential> credentials, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = fake, Timeout = TimeSpan.FromSeconds(10) };
        foreach (var credential in credentials)
        {
            using var response = await client.PostAsJsonAsync(
                $"/_fake/credentials/{credential.AccessKeyId}",
                new Dictionary<string, object> { ["secretAccessKey"] = credential.SecretAccessKey, ["region"] = credential.Region, ["reset"] = true },
                cancellationToken);
            response.EnsureSuccessStatusCode();
        }
    }
}
