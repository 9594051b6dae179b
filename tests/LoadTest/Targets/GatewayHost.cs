using System.Globalization;
using OrleansProxy.LoadTest.Cli;
using OrleansProxy.LoadTest.Hosting;
using OrleansProxy.LoadTest.Load;
using OrleansProxy.LoadTest.Requests;
using OrleansProxy.LoadTest.Signing;

namespace OrleansProxy.LoadTest.Targets;

/// <summary>
/// Row (c): the built gateway dll as its own process, standalone (co-hosted silo, in-memory state), on 127.0.0.1
/// ports of its own, against the fake; ready once a real Messages call through it succeeds.
/// </summary>
internal static class GatewayHost
{
    public const string ProxyKey = "bench-proxy-key-5d1e0c";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    public const string AdminKey = "bench-admin-key-8a2f41c9";

    public static async Task<(ChildProcess Process, Uri BaseUri)> StartAsync(
        LoadTestOptions options, Uri fake, IReadOnlyList<BenchCredential> credentials, CancellationToken cancellationToken)
    {
        var (child, baseUri, _) = await StartAsync(options, fake, credentials, userToken: false, cancellationToken);
        return (child, baseUri);
    }

    /// <summary>
    /// Row (u): the same gateway in <c>GATEKEEPER=user_token</c> mode with one user created through the admin API whose
    /// limits (concurrency, requests and tokens per minute, a daily quota and a monthly budget) are far above what the
    /// run can reach: every request pays the user's admission and release, none is refused. Returns the user's token.
    /// </summary>
    public static async Task<(ChildProcess Process, Uri BaseUri, string Key)> StartAsync(
        LoadTestOptions options, Uri fake, IReadOnlyList<BenchCredential> credentials, bool userToken, CancellationToken cancellationToken)
    {
        var port = FreePorts.Next();
        var environment = ChildEnvironment.Base();
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        environment["AWS_CREDENTIALS"] = BenchCredential.ToList(credentials);
        environment["AWS_ENDPOINT_URL_BEDROCK_RUNTIME"] = fake.ToString();
        environment["AWS_ENDPOINT_URL_BEDROCK"] = fake.ToString();
        if (userToken)
        {
            environment["GATEKEEPER"] = "user_token";
            environment["ADMIN_KEY"] = AdminKey;
        }
        else
        {
            environment["PROXY_KEY"] = ProxyKey;
        }

        environment["ORLEANS_SILO_PORT"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
        environment["ORLEANS_GATEWAY_PORT"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
        environment["ORLEANS_CLUSTER_ID"] = "bench-" + Guid.NewGuid().ToString("N")[..8];
        environment["Pool__InitialCheckSpread"] = "00:00:00";
        // Rows c and u both count their grain calls (one counter add per call) for the report's grain-call section.
        environment["Telemetry__CountGrainCalls"] = "true";
        foreach (var (name, value) in options.GatewayEnvironment)
        {
            environment[name] = value;
        }

        // The gateway logs every request at Information: its output goes to the log file without passing here.
        var child = ChildProcess.StartDotnet("gateway", options.GatewayDll!, [], environment,
            Path.Combine(options.Logs, "gateway.log"), captureOutput: false);
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        var key = ProxyKey;
        try
        {
            if (userToken)
            {
                key = await CreateUserAsync(child, baseUri, cancellationToken);
            }

            await WaitUntilServingAsync(child, baseUri, key, cancellationToken);
        }
        catch
        {
            await child.DisposeAsync();
            throw;
        }

        return (child, baseUri, key);
    }

    private static async Task<string> CreateUserAsync(ChildProcess child, Uri baseUri, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Add("x-admin-key", AdminKey);
        const string body = """
            {"name":"bench","limits":{"maxConcurrent":100000,"requestsPerMinute":100000000,"tokensPerMinute":1000000000000},
             "quotas":[{"family":"*","period":"day","tokens":1000000000000}],"budgets":[{"period":"month","usd":1000000000}]}
            """;
        var deadline = DateTime.UtcNow + StartTimeout;
        var last = "no answer yet";
        while (DateTime.UtcNow < deadline)
        {
            if (child.HasExited)
            {
                throw new InvalidOperationException("The gateway exited during start-up; see gateway.log in the logs folder.");
            }

            try
            {
                using var response = await http.PostAsync("/admin/api/users",
                    new StringContent(body, System.Text.Encoding.UTF8, "application/json"), cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if ((int)response.StatusCode == 201)
                {
                    using var json = System.Text.Json.JsonDocument.Parse(text);
                    return json.RootElement.GetProperty("token").GetString()!;
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException exception)
            {
                last = exception.Message;
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException($"Could not create the bench user at {baseUri} ({last}).");
    }

    /// <summary>Polls <c>/readyz</c>, then a Messages call, until the pool has checked its credentials and answers.</summary>
    public static async Task WaitUntilServingAsync(ChildProcess? child, Uri baseUri, string? apiKey, CancellationToken cancellationToken)
    {
        using var invoker = LoadRunner.CreateInvoker(1);
        var profile = new AnthropicRequestProfile(baseUri, apiKey);
        var deadline = DateTime.UtcNow + StartTimeout;
        var ready = false;
        string last = "no answer yet";
        while (DateTime.UtcNow < deadline)
        {
            if (child is { HasExited: true })
            {
                throw new InvalidOperationException("The gateway exited during start-up; see gateway.log in the logs folder.");
            }

            try
            {
                using var request = ready ? profile.Create(stream: false) : new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, "/readyz"));
                using var response = await invoker.SendAsync(request, cancellationToken);
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                if (!ready)
                {
                    ready = response.IsSuccessStatusCode;
                }
                else if (profile.IsGoodAnswer(false, response, body))
                {
                    return;
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException exception)
            {
                last = exception.Message;
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException($"The gateway at {baseUri} did not serve a Messages call within {StartTimeout.TotalSeconds:0} s ({last}).");
    }
}
