using System.Globalization;
using OrleansProxy.LoadTest.Requests;

namespace OrleansProxy.LoadTest.Load;

/// <summary>
/// How many grain calls one request costs a gateway started by this run: its silo counts every grain call it receives
/// (<c>proxy.grain.calls</c>, on with <c>Telemetry__CountGrainCalls</c>), read from <c>/metrics</c> before and after a
/// fixed number of sequential requests (half plain, half streamed) once the load is over, so nothing else is in flight.
/// </summary>
internal static class GrainCalls
{
    /// <summary>Requests sent per measurement.</summary>
    public const int Requests = 200;

    private const string Metric = "proxy_grain_calls";

    /// <summary>Grain calls per request by <c>interface.method</c>, or null when the gateway does not count them.</summary>
    public static async Task<IReadOnlyDictionary<string, double>?> MeasureAsync(
        AnthropicRequestProfile profile, HttpMessageInvoker invoker, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = profile.BaseUri, Timeout = TimeSpan.FromSeconds(10) };
        var before = await ScrapeAsync(http, cancellationToken);
        if (before is null)
        {
            return null;
        }

        for (var i = 0; i < Requests; i++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            using var request = profile.Create(stream: i % 2 == 1);
            using var response = await invoker.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            if (!profile.IsGoodAnswer(i % 2 == 1, response, body))
            {
                throw new InvalidOperationException($"Grain-call count: request {i} got HTTP {(int)response.StatusCode}.");
            }
        }

        // One-way releases and usage flushes land after the answer; give them a moment (the users' flush is 1 s).
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        var after = await ScrapeAsync(http, cancellationToken) ?? [];
        return after.Keys.Union(before.Keys)
            .Select(k => (k, Calls: after.GetValueOrDefault(k) - before.GetValueOrDefault(k)))
            .Where(p => p.Calls > 0)
            .ToDictionary(p => p.k, p => p.Calls / (double)Requests);
    }

    // proxy_grain_calls_total{interface="OrleansProxy.Pool.IKeyPoolGrain",method="LeaseAsync",...} 1234
    private static async Task<Dictionary<string, long>?> ScrapeAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var text = await http.GetStringAsync("/metrics", cancellationToken);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var seen = false;
        foreach (var line in text.Split('\n'))
        {
            var open = line.IndexOf('{');
            if (!line.StartsWith(Metric, StringComparison.Ordinal) || open < 0)
            {
                continue;
            }

            seen = true;
            var close = line.LastIndexOf('}');
            var labels = line[(open + 1)..close];
            var name = $"{Label(labels, "interface")}.{Label(labels, "method")}";
            var value = line[(close + 1)..].Trim().Split(' ')[0];
            counts[name] = counts.GetValueOrDefault(name) + (long)double.Parse(value, CultureInfo.InvariantCulture);
        }

        return seen ? counts : null;
    }

    private static string Label(string labels, string name)
    {
        var start = labels.IndexOf(name + "=\"", StringComparison.Ordinal);
        if (start < 0)
        {
            return "?";
        }

        start += name.Length + 2;
        var full = labels[start..labels.IndexOf('"', start)];
        return full[(full.LastIndexOf('.') + 1)..];
    }
}
