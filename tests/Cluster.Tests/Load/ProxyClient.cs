using System.Diagnostics;
using System.Text;

namespace OrleansProxy.Cluster.Tests.Load;

/// <summary>Sends small Anthropic Messages requests to the gateways, as an SDK would, and checks each answer is whole.</summary>
public sealed class ProxyClient : IDisposable
{
    private readonly HttpClient[] _http;
    private readonly long _origin = Stopwatch.GetTimestamp();

    /// <summary>One connection pool per gateway.</summary>
    public ProxyClient(IReadOnlyList<Uri> gateways, string proxyKey) =>
        _http = [.. gateways.Select(g => new HttpClient(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            BaseAddress = g,
            Timeout = TimeSpan.FromSeconds(60),
            DefaultRequestHeaders = { { "x-api-key", proxyKey }, { "anthropic-version", "2023-06-01" } },
        })];

    /// <summary>Time since this client was created (the clock its <see cref="RequestRecord"/>s use).</summary>
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_origin);

    /// <summary>
    /// Sends one request to gateway <paramref name="gateway"/> and reads the whole answer. Never cancelled from
    /// outside: a request in flight when a drill stops its load is finished and counted.
    /// </summary>
    public async Task<RequestRecord> SendAsync(int gateway, bool stream, string text)
    {
        var started = Elapsed;
        var body = $$"""{"model":"claude-3-haiku-20240307","max_tokens":16,"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"{{text}}"}]}""";
        try
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await _http[gateway].PostAsync("/proxy/aws/claude/v1/messages", content, CancellationToken.None);
            var answer = await response.Content.ReadAsStringAsync(CancellationToken.None);
            var complete = stream
                ? answer.Contains("event: message_stop", StringComparison.Ordinal)
                : answer.Contains("\"type\":\"message\"", StringComparison.Ordinal);
            var ok = response.IsSuccessStatusCode && complete;
            return new RequestRecord(gateway, started, Elapsed - started, (int)response.StatusCode, ok, stream,
                ok ? null : $"{(int)response.StatusCode} {Shorten(answer)}");
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or TaskCanceledException)
        {
            return new RequestRecord(gateway, started, Elapsed - started, 0, false, stream,
                exception.GetType().Name + ": " + Shorten(exception.InnerException?.Message ?? exception.Message));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var http in _http)
        {
            http.Dispose();
        }
    }

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "…";
}
