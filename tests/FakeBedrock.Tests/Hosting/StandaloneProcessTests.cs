using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansProxy.Testing.FakeBedrock.Tests.TestSupport;

namespace OrleansProxy.Testing.FakeBedrock.Tests.Hosting;

/// <summary>The fake as its own process, as out-of-process tests, benchmarks and cluster drills run it.</summary>
public sealed partial class StandaloneProcessTests
{
    private const string Key = "AKIASTANDALONE01";
    private const string Secret = "standalone/secret+KEY";

    [Fact]
    public async Task Standalone_StartedWithCredentials_ServesBedrockAndControlApiThenStopsOnSigterm()
    {
        using var process = Start($"--urls http://127.0.0.1:0 --credentials {Key}:{Secret}:us-east-1", environmentCredentials: null);
        try
        {
            var baseUri = await ListeningOnAsync(process);
            using var control = new HttpClient { BaseAddress = baseUri };
            using var bedrock = new BedrockClient(baseUri, Key, Secret, "us-east-1");

            using var patched = await control.PostAsync($"/_fake/credentials/{Key}", new StringContent("""{"throttleNext":1}"""));
            using var throttled = await bedrock.InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages());
            using var served = await bedrock.InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages());
            var requests = await control.GetFromJsonAsync<JsonElement>("/_fake/requests");
            var stats = await control.GetFromJsonAsync<JsonElement>("/_fake/stats");

            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
            await AwsErrorAssert.IsAsync(throttled, (HttpStatusCode)429, "ThrottlingException");
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal(["ThrottlingException", null], requests.EnumerateArray().Select(r => r.GetProperty("errorType").GetString()));
            Assert.Equal(2, stats.GetProperty("credentials")[0].GetProperty("requestCount").GetInt64());

            using var stop = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    [Fact]
    public async Task Standalone_CredentialsFromEnvironment_Known()
    {
        using var process = Start("--urls http://127.0.0.1:0", environmentCredentials: $"{Key}:{Secret}:eu-west-1,AKIASECOND:two:us-west-2");
        try
        {
            var baseUri = await ListeningOnAsync(process);
            using var bedrock = new BedrockClient(baseUri, Key, Secret, "eu-west-1");

            using var response = await bedrock.GetLoggingConfigurationAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            process.Kill();
        }
    }

    [Fact]
    public async Task Standalone_BadCredentialList_ExitsWithUsageErrorAndNoSecret()
    {
        using var process = Start("--credentials AKIAONLY:leaked-secret", environmentCredentials: null);

        var error = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("not ACCESSKEY:secret:region", error, StringComparison.Ordinal);
        Assert.DoesNotContain("leaked-secret", error, StringComparison.Ordinal);
    }

    private static Process Start(string arguments, string? environmentCredentials)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "OrleansProxy.Testing.FakeBedrock.dll"));
        foreach (var argument in arguments.Split(' '))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("FAKE_BEDROCK_CREDENTIALS");
        if (environmentCredentials is not null)
        {
            start.Environment["FAKE_BEDROCK_CREDENTIALS"] = environmentCredentials;
        }

        return Process.Start(start)!;
    }

    private static async Task<Uri> ListeningOnAsync(Process process)
    {
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var match = ListeningLine().Match(line ?? "");
        Assert.True(match.Success, $"unexpected first line: {line}");
        return new Uri(match.Groups[1].Value);
    }

    [GeneratedRegex(@"^FakeBedrock listening on (http://127\.0\.0\.1:[1-9][0-9]*)$")]
    private static partial Regex ListeningLine();
}
