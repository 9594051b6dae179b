using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansProxy.Gateway.Errors;
using OrleansProxy.Gateway.Hosting;
using OrleansProxy.Gateway.Info;
using OrleansProxy.Gateway.Translation;
using OrleansProxy.Models;

namespace OrleansProxy.Gateway.Endpoints;

/// <summary>
/// <c>GET /v1/models</c> and <c>GET /v1/models/{id}</c>: what the pool can serve now (<see cref="ServableModel"/>:
/// Bedrock's listings where credentials may read them, else the catalogue), newest first, each model under its
/// Anthropic name and, after it, its Bedrock id. One list both SDK families read: Anthropic's
/// <c>type</c>/<c>display_name</c>/<c>created_at</c> and OpenAI's <c>object</c>/<c>created</c>/<c>owned_by</c> side by
/// side. Anthropic's paging (<c>limit</c>, <c>after_id</c>, <c>before_id</c>) applies when asked for; without it the
/// whole list comes back (OpenAI clients do not page).
/// </summary>
public static class ModelsEndpoint
{
    private const int MaxLimit = 1000;

    /// <summary>Writes the list.</summary>
    public static async Task ListAsync(HttpContext http, ServableModelsCache models)
    {
        var entries = Entries(await models.GetAsync(http.RequestAborted));
        var query = http.Request.Query;
        var (page, error) = Page(entries, query["limit"], query["after_id"], query["before_id"]);
        if (error is not null)
        {
            await WriteErrorAsync(http, error);
            return;
        }

        http.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(http.Response.Body);
        json.WriteStartObject();
        json.WriteString("object", "list");
        json.WriteStartArray("data");
        foreach (var entry in page.Items)
        {
            Write(json, entry);
        }

        json.WriteEndArray();
        json.WriteBoolean("has_more", page.HasMore);
        if (page.Items.Count > 0)
        {
            json.WriteString("first_id", page.Items[0].Id);
            json.WriteString("last_id", page.Items[^1].Id);
        }
        else
        {
            json.WriteNull("first_id");
            json.WriteNull("last_id");
        }

        json.WriteEndObject();
    }

    /// <summary>Writes one model, found by any name a request may use (aliases included), or a 404 naming it.</summary>
    public static async Task GetAsync(HttpContext http, string id, ServableModelsCache models, IOptions<GatewayOptions> options)
    {
        var servable = await models.GetAsync(http.RequestAborted);
        if (ModelField.Resolve(id, options.Value.Aliases, out var resolved) is { } error)
        {
            await WriteErrorAsync(http, error);
            return;
        }

        var model = servable.FirstOrDefault(m => m.BaseId == resolved!.Model.Id);
        if (model is null)
        {
            await WriteErrorAsync(http, ProxyError.NotFound($"model: {id} is not served by any credential of this proxy now"));
            return;
        }

        http.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(http.Response.Body);
        Write(json, new Entry(id == model.BaseId ? model.BaseId : model.AnthropicName, model));
    }

    private static List<Entry> Entries(IReadOnlyList<ServableModel> models)
    {
        var entries = new List<Entry>(models.Count * 2);
        foreach (var model in models)
        {
            entries.Add(new Entry(model.AnthropicName, model));
            if (model.BaseId != model.AnthropicName)
            {
                entries.Add(new Entry(model.BaseId, model));
            }
        }

        return entries;
    }

    private static ((List<Entry> Items, bool HasMore), ProxyError?) Page(List<Entry> entries, string? limitText, string? afterId, string? beforeId)
    {
        if (limitText is null && afterId is null && beforeId is null)
        {
            return ((entries, false), null);
        }

        var limit = 20;
        if (limitText is not null && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return (default, ProxyError.InvalidRequest($"limit: Input should be an integer from 1 to {MaxLimit}"));
        }

        if (afterId is not null && beforeId is not null)
        {
            return (default, ProxyError.InvalidRequest("after_id and before_id cannot be used together"));
        }

        var cursor = afterId ?? beforeId;
        var at = cursor is null ? -1 : entries.FindIndex(e => e.Id == cursor);
        if (cursor is not null && at < 0)
        {
            return (default, ProxyError.InvalidRequest($"{(afterId is not null ? "after_id" : "before_id")}: {Short(cursor)} is not in the list"));
        }

        if (beforeId is not null)
        {
            var start = Math.Max(0, at - limit);
            return ((entries.GetRange(start, at - start), start > 0), null);
        }

        var from = at + 1;
        var count = Math.Min(limit, entries.Count - from);
        return ((entries.GetRange(from, count), from + count < entries.Count), null);
    }

    private static void Write(Utf8JsonWriter json, Entry entry)
    {
        var created = entry.Model.CreatedAt ?? DateTimeOffset.UnixEpoch;
        json.WriteStartObject();
        json.WriteString("id", entry.Id);
        json.WriteString("type", "model");
        json.WriteString("display_name", entry.Model.DisplayName);
        json.WriteString("created_at", created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        json.WriteString("object", "model");
        json.WriteNumber("created", created.ToUnixTimeSeconds());
        json.WriteString("owned_by", "anthropic");
        json.WriteString("family", entry.Model.Family);
        json.WriteEndObject();
    }

    private static async Task WriteErrorAsync(HttpContext http, ProxyError error)
    {
        http.Response.StatusCode = error.StatusCode;
        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync(ErrorBodies.For(ClientDialect.AnthropicMessages, error), http.RequestAborted);
    }

    private static string Short(string text) => text.Length <= 128 ? text : string.Concat(text.AsSpan(0, 128), "…");

    private sealed record Entry(string Id, ServableModel Model);
}
