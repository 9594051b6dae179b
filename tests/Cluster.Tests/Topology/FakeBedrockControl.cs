using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace OrleansProxy.Cluster.Tests.Topology;

/// <summary>The fake Bedrock's unsigned control API (<c>/_fake/…</c>, see tests/FakeBedrock/README.md).</summary>
public sealed class FakeBedrockControl(Uri baseUri) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http = new() { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Applies a behaviour patch, e.g. <c>{"throttleAlways":true}</c>, to a key.</summary>
    public async Task PatchAsync(string accessKeyId, string patchJson)
    {
        using var content = new StringContent(patchJson, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync($"/_fake/credentials/{accessKeyId}", content);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Forgets the recorded requests.</summary>
    public async Task ClearRequestsAsync()
    {
        using var response = await _http.DeleteAsync("/_fake/requests");
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Every recorded request (the fields the drills look at).</summary>
    public async Task<IReadOnlyList<FakeRequest>> RequestsAsync() =>
        await _http.GetFromJsonAsync<List<FakeRequest>>("/_fake/requests", Json) ?? [];

    /// <summary>Every access key the fake knows (those added at run time too), from <c>/_fake/stats</c>.</summary>
    public async Task<IReadOnlyList<string>> AccessKeyIdsAsync()
    {
        var stats = await _http.GetFromJsonAsync<JsonElement>("/_fake/stats", Json);
        return [.. stats.GetProperty("credentials").EnumerateArray().Select(c => c.GetProperty("accessKeyId").GetString()!)];
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}

/// <summary>A request the fake served, as its control API reports it.</summary>
/// <param name="AccessKeyId">The key that signed it.</param>
/// <param name="Operation"><c>Invoke</c>, <c>InvokeStream</c>, <c>GetLoggingConfiguration</c>, …</param>
/// <param name="StatusCode">HTTP status sent.</param>
/// <param name="ErrorType">AWS error type, e.g. <c>ThrottlingException</c>.</param>
/// <param name="StartedAt">When it arrived.</param>
/// <param name="CompletedAt">When it was answered.</param>
/// <param name="Body">The request body as received.</param>
/// <param name="InputTokens">Input tokens the fake accounted for a successful invocation (its answer's <c>usage</c>).</param>
/// <param name="OutputTokens">Output tokens the fake accounted for a successful invocation.</param>
/// <param name="ClientAborted">The caller went away before the answer was complete.</param>
public sealed record FakeRequest(
    string? AccessKeyId, string Operation, int StatusCode, string? ErrorType, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt,
    string? Body = null, int InputTokens = 0, int OutputTokens = 0, bool ClientAborted = false)
{
    /// <summary>A model invocation (not a logging check).</summary>
    public bool IsInvocation => Operation is "Invoke" or "InvokeStream";
}
