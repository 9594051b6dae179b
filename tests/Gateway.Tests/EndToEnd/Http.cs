using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace OrleansProxy.Gateway.Tests.EndToEnd;

/// <summary>Raw HTTP helpers for the dialects the Anthropic SDK does not speak.</summary>
internal static class Http
{
    /// <summary>A small Messages request for Claude 3 Haiku.</summary>
    public const string HaikuMessages = """{"model":"claude-3-haiku-20240307","max_tokens":20,"messages":[{"role":"user","content":"hi"}]}""";

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<(int Status, JsonDocument Body)> PostJsonAsync(HttpClient client, string path, string json)
    {
        using var response = await client.PostAsync(path, Json(json));
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(text));
    }

    /// <summary>Posts and reads the SSE answer as (event, data) pairs; comments are returned with event ":".</summary>
    public static async Task<(int Status, string ContentType, List<(string Event, string Data)> Events)> PostSseAsync(HttpClient client, string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(json) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var events = new List<(string, string)>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        string? line;
        string? name = null;
        var data = new StringBuilder();
        while ((line = await reader.ReadLineAsync()) is not null)
        {
            if (line.Length == 0)
            {
                if (name is not null || data.Length > 0)
                {
                    events.Add((name ?? "", data.ToString()));
                }

                name = null;
                data.Clear();
            }
            else if (line.StartsWith(':'))
            {
                events.Add((":", line));
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Append(line["data: ".Length..]);
            }
        }

        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? "", events);
    }
}
