using System.Text.RegularExpressions;
using OrleansProxy.Cluster.Tests.Processes;

namespace OrleansProxy.Cluster.Tests.Topology;

/// <summary>The fake Bedrock as its own process (<c>dotnet OrleansProxy.Testing.FakeBedrock.dll</c>) on a free port.</summary>
public static partial class FakeBedrockProcess
{
    /// <summary>Starts it knowing <paramref name="credentials"/> and returns the process and its base URL.</summary>
    public static async Task<(NodeProcess Process, Uri BaseUri)> StartAsync(IEnumerable<DrillCredential> credentials, string logPath)
    {
        var process = NodeProcess.Start(
            "fake-bedrock",
            BuiltApps.DotnetHost,
            [BuiltApps.FakeBedrock, "--urls", "http://127.0.0.1:0", "--credentials", DrillCredential.Join(credentials), "--request-log-capacity", "100000"],
            new Dictionary<string, string?> { ["FAKE_BEDROCK_CREDENTIALS"] = null },
            logPath);
        try
        {
            var listening = await process.WaitForLineAsync(ListeningLine(), TimeSpan.FromSeconds(90));
            return (process, new Uri(listening.Groups[1].Value));
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    [GeneratedRegex(@"^FakeBedrock listening on (http://\S+)$")]
    private static partial Regex ListeningLine();
}
