using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using OrleansProxy.LoadTest.Cli;
using OrleansProxy.LoadTest.Hosting;
using OrleansProxy.LoadTest.Signing;
using OrleansProxy.LoadTest.Targets;
using OrleansProxy.Testing.FakeBedrock;
using OrleansProxy.Testing.FakeBedrock.Behaviour;
using OrleansProxy.Testing.FakeBedrock.Recording;

namespace OrleansProxy.LoadTest.Sessions;

/// <summary>
/// <c>sessions --gateway-dll DLL [--sessions 50] [--turns 8] [--out FILE] [--logs DIR]</c>: replays the same synthetic
/// Claude Code sessions (<see cref="SessionWorkload"/>) through a fresh standalone gateway three times, against one
/// in-process fake Bedrock with 10 accounts (5 per region, 2 keys each): with session affinity, without it, and on
/// a single account (what a cache that never moves would read). The fake's request log says, per request, which
/// key served it and what it read from and wrote to the prompt cache.
/// </summary>
internal static class SessionReplayCommand
{
    private const int Accounts = 10;
    private const int KeysPerAccount = 2;
    private static readonly string[] Regions = ["us-east-1", "us-west-2"];

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentList arguments;
        int sessions, turns;
        string gatewayDll, output, logs;
        try
        {
            arguments = ArgumentList.Parse(args);
            sessions = arguments.Int("sessions", 50, 1, 1000);
            turns = arguments.Int("turns", 8, 2, 100);
            gatewayDll = arguments.Required("gateway-dll");
            output = arguments.Optional("out") ?? "bench/results/sessions.md";
            logs = arguments.Optional("logs") ?? "bench/results/logs";
        }
        catch (FormatException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return 2;
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var workload = new SessionWorkload(turns, [3, 6], subAgentTurnCount: 2);
        var credentials = Credentials();
        await using var fake = await FakeBedrockServer.StartAsync(new FakeBedrockOptions { RequestLogCapacity = 1_000_000 });
        foreach (var credential in credentials)
        {
            fake.AddCredential(credential.AccessKeyId, credential.SecretAccessKey, credential.Region);
        }

        var runs = new List<ReplayResult>();
        try
        {
            foreach (var (label, keys, affinity) in new[]
            {
                ("affinity on", credentials, true),
                ("affinity off", credentials, false),
                ("one account (reference)", credentials.Take(KeysPerAccount).ToList(), true),
            })
            {
                Console.Error.WriteLine($"== {label}: {sessions} sessions × {workload.RequestsPerSession} requests, {keys.Count} keys");
                runs.Add(await ReplayAsync(label, fake, keys, affinity, sessions, workload, gatewayDll, logs, stop.Token));
            }
        }
        finally
        {
            ChildProcess.KillAll();
        }

        var report = SessionReport.Write(runs, sessions, turns, workload.RequestsPerSession, Accounts, KeysPerAccount, Regions);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.WriteAllTextAsync(output, report);
        Console.WriteLine(report);
        return runs.All(r => r.Failed == 0) ? 0 : 1;
    }

    private static List<BenchCredential> Credentials() =>
    [
        .. Enumerable.Range(0, Accounts).SelectMany(a => Enumerable.Range(1, KeysPerAccount).Select(k => new BenchCredential(
            AccessKeyIds.ForAccount((100000000000L + a).ToString(CultureInfo.InvariantCulture), k),
            $"bench/session+{a}-{k}/0123456789abcdefghijklmn",
            Regions[a * Regions.Length / Accounts]))),
    ];

    private static async Task<ReplayResult> ReplayAsync(
        string label, FakeBedrockServer fake, IReadOnlyList<BenchCredential> keys, bool affinity, int sessions, SessionWorkload workload,
        string gatewayDll, string logs, CancellationToken cancellationToken)
    {
        var port = FreePorts.Next();
        var environment = ChildEnvironment.Base();
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        environment["AWS_CREDENTIALS"] = BenchCredential.ToList(keys);
        environment["AWS_ENDPOINT_URL_BEDROCK_RUNTIME"] = fake.BaseUri.ToString();
        environment["AWS_ENDPOINT_URL_BEDROCK"] = fake.BaseUri.ToString();
        environment["PROXY_KEY"] = GatewayHost.ProxyKey;
        environment["ORLEANS_SILO_PORT"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
        environment["ORLEANS_GATEWAY_PORT"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
        environment["ORLEANS_CLUSTER_ID"] = "sessions-" + Guid.NewGuid().ToString("N")[..8];
        environment["Pool__InitialCheckSpread"] = "00:00:00";
        environment["Pool__SessionAffinity"] = affinity ? "true" : "false";
        environment["Logging__LogLevel__Default"] = "Warning";
        await using var gateway = ChildProcess.StartDotnet("gateway", gatewayDll, [], environment,
            Path.Combine(logs, $"sessions-gateway-{(affinity ? "on" : "off")}-{keys.Count}.log"), captureOutput: false);
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        await GatewayHost.WaitUntilServingAsync(gateway, baseUri, GatewayHost.ProxyKey, cancellationToken);
        fake.ClearRequests();
        fake.ClearPromptCache();

        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 256 })
        {
            BaseAddress = baseUri,
            Timeout = TimeSpan.FromSeconds(120),
        };
        var failed = 0;
        async Task<int> SendAsync(string sessionId, string body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "proxy/aws/claude/v1/messages")
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("x-api-key", GatewayHost.ProxyKey);
            request.Headers.Add("x-claude-code-session-id", sessionId);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await http.SendAsync(request, cancellationToken);
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref failed);
            }

            return (int)response.StatusCode;
        }

        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, sessions).Select(s => workload.RunAsync(s, SendAsync)));
        var elapsed = Stopwatch.GetElapsedTime(started);
        await fake.WaitForNoOpenRequestsAsync(TimeSpan.FromSeconds(30));
        var served = fake.Requests.Where(r => r.Operation == FakeOperation.Invoke && r.StatusCode == 200).ToList();
        return new ReplayResult(label, affinity, keys, served, failed, elapsed);
    }
}

/// <summary>What one replay left in the fake's log.</summary>
internal sealed record ReplayResult(
    string Label, bool Affinity, IReadOnlyList<BenchCredential> Keys, IReadOnlyList<RecordedRequest> Served, int Failed, TimeSpan Elapsed);
