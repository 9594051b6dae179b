using System.Diagnostics;
using System.Globalization;
using System.Text;
using OrleansProxy.Cluster.Tests.Drills;
using OrleansProxy.Cluster.Tests.Load;
using OrleansProxy.Cluster.Tests.Processes;
using OrleansProxy.Cluster.Tests.Topology;
using Xunit.Abstractions;

namespace OrleansProxy.Cluster.Tests.Deploy;

/// <summary>
/// <c>deploy/local-cluster.sh</c> end to end: up, requests through nginx (streamed unbuffered), a gateway lost behind
/// the load balancer, status, down. In the drills' collection so the two clusters never compete for the CPU.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LocalClusterScriptTests(ITestOutputHelper output)
{
    private static readonly string[] Components = ["redis", "silo1", "silo2", "gateway1", "gateway2", "nginx"];
    private static readonly DrillCredential[] Keys =
    [
        new("AKIASCRIPTKEY0001", "script/secret+0001", "us-east-1"),
        new("AKIASCRIPTKEY0002", "script/secret+0002", "us-west-2"),
    ];

    [Fact]
    public async Task UpStatusDown_ServesThroughNginxAndStopsExactlyWhatItStarted()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "local-cluster-script");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        var (fake, fakeUri) = await FakeBedrockProcess.StartAsync(Keys, Path.Combine(folder, "..", "local-cluster-script-fake.log"));
        var ports = FreePorts.Take(10);
        var lb = new Uri($"http://127.0.0.1:{ports[0]}");
        var configuration = new DirectoryInfo(Path.GetDirectoryName(BuiltApps.Silo)!).Parent!.Name;
        var script = new LocalClusterScript(new Dictionary<string, string>
        {
            ["LOCAL_CLUSTER_DIR"] = folder,
            ["LOCAL_CLUSTER_CONFIGURATION"] = configuration,
            ["LOCAL_CLUSTER_SKIP_BUILD"] = "1",
            ["LOCAL_CLUSTER_LB_PORT"] = Invariant(ports[0]),
            ["LOCAL_CLUSTER_GATEWAY1_PORT"] = Invariant(ports[1]),
            ["LOCAL_CLUSTER_GATEWAY2_PORT"] = Invariant(ports[2]),
            ["LOCAL_CLUSTER_SILO1_HTTP_PORT"] = Invariant(ports[3]),
            ["LOCAL_CLUSTER_SILO2_HTTP_PORT"] = Invariant(ports[4]),
            ["LOCAL_CLUSTER_SILO1_PORT"] = Invariant(ports[5]),
            ["LOCAL_CLUSTER_SILO2_PORT"] = Invariant(ports[6]),
            ["LOCAL_CLUSTER_SILO1_GATEWAY_PORT"] = Invariant(ports[7]),
            ["LOCAL_CLUSTER_SILO2_GATEWAY_PORT"] = Invariant(ports[8]),
            ["LOCAL_CLUSTER_REDIS_PORT"] = Invariant(ports[9]),
            ["AWS_CREDENTIALS"] = DrillCredential.Join(Keys),
            ["AWS_ENDPOINT_URL_BEDROCK_RUNTIME"] = fakeUri.ToString(),
            ["AWS_ENDPOINT_URL_BEDROCK"] = fakeUri.ToString(),
            ["PROXY_KEY"] = LocalCluster.ProxyKey,
        });
        var started = new Dictionary<string, int>();
        try
        {
            var up = Stopwatch.GetTimestamp();
            var (upExit, upOut, upErr) = await script.RunAsync("up", TimeSpan.FromMinutes(4));
            var upTime = Stopwatch.GetElapsedTime(up);
            output.WriteLine(upErr);
            Assert.True(upExit == 0, upErr);
            Assert.Equal(lb.ToString().TrimEnd('/'), upOut[^1]);
            foreach (var component in Components)
            {
                started[component] = LocalClusterScript.Pid(folder, component) ?? throw new InvalidOperationException($"no {component}.pid");
                Assert.True(LocalClusterScript.IsRunning(started[component]), $"{component} is not running");
            }

            // Streamed answers reach the client frame by frame through nginx, not buffered to the end.
            using var control = new FakeBedrockControl(fakeUri);
            foreach (var key in Keys)
            {
                await control.PatchAsync(key.AccessKeyId, """{"streamChunkDelayMs":250}""");
            }

            var (firstEvent, lastEvent, events) = await StreamThroughAsync(lb);
            foreach (var key in Keys)
            {
                await control.PatchAsync(key.AccessKeyId, """{"streamChunkDelayMs":0}""");
            }

            // A gateway lost behind the load balancer: nginx sends the requests to the other one.
            using var client = new ProxyClient([lb], LocalCluster.ProxyKey);
            KillProcess(started["gateway1"]);
            var behindLb = new List<RequestRecord>();
            for (var n = 0; n < 10; n++)
            {
                behindLb.Add(await client.SendAsync(0, stream: n % 2 == 1, "script test, gateway 1 down"));
            }

            var (statusExit, _, statusErr) = await script.RunAsync("status", TimeSpan.FromMinutes(1));
            output.WriteLine(statusErr);
            var down = Stopwatch.GetTimestamp();
            var (downExit, _, downErr) = await script.RunAsync("down", TimeSpan.FromMinutes(2));
            var downTime = Stopwatch.GetElapsedTime(down);
            output.WriteLine(downErr);

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"up {upTime.TotalSeconds:0.0} s; stream: first event after {firstEvent.TotalMilliseconds:0} ms, last after {lastEvent.TotalMilliseconds:0} ms ({events} events); down {downTime.TotalSeconds:0.0} s"));
            Assert.True(events >= 5, $"only {events} SSE events");
            Assert.True(lastEvent - firstEvent > TimeSpan.FromSeconds(1), "the stream arrived in one piece: nginx buffered it");
            Assert.All(behindLb, r => Assert.True(r.Ok, r.Error));
            Assert.Equal(3, statusExit);
            Assert.Equal(0, downExit);
            Assert.All(started, c => Assert.False(LocalClusterScript.IsRunning(c.Value), $"{c.Key} still runs after down"));
            Assert.All(Components, c => Assert.Null(LocalClusterScript.Pid(folder, c)));
        }
        finally
        {
            // Whatever happened, nothing this test started keeps running.
            await script.RunAsync("down", TimeSpan.FromMinutes(2));
            foreach (var pid in started.Values.Where(LocalClusterScript.IsRunning))
            {
                KillProcess(pid);
            }

            fake.Dispose();
        }
    }

    private static async Task<(TimeSpan First, TimeSpan Last, int Events)> StreamThroughAsync(Uri lb)
    {
        using var http = new HttpClient { BaseAddress = lb, Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/proxy/aws/claude/v1/messages")
        {
            Content = new StringContent(
                """{"model":"claude-3-haiku-20240307","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"stream me a few words please"}]}""",
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", LocalCluster.ProxyKey);
        request.Headers.Add("anthropic-version", "2023-06-01");
        var sent = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        TimeSpan? first = null;
        var last = TimeSpan.Zero;
        var events = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                events++;
                last = Stopwatch.GetElapsedTime(sent);
                first ??= last;
            }
        }

        return (first ?? TimeSpan.Zero, last, events);
    }

    private static void KillProcess(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
