using System.Text.Json;
using OrleansProxy.Gateway.Info;
using OrleansProxy.Models;

namespace OrleansProxy.Gateway.Endpoints;

/// <summary>
/// <c>GET /v1/models</c>: the models of every family at least one usable credential can reach (throttled ones
/// count: they come back). One list both SDK families read: Anthropic's <c>type</c>/<c>display_name</c> and
/// OpenAI's <c>object</c>/<c>owned_by</c> side by side.
/// </summary>
public static class ModelsEndpoint
{
    /// <summary>Writes the list.</summary>
    public static async Task ListAsync(HttpContext http, PoolSnapshotCache pool)
    {
        var snapshot = await pool.GetAsync(http.RequestAborted);
        var servable = snapshot.Families.Where(f => f.Usable + f.Throttled > 0).Select(f => f.Family).ToHashSet(StringComparer.Ordinal);
        var models = ModelCatalog.Models.Where(m => !m.IsRetired && servable.Contains(m.Family)).Reverse().ToList();
        http.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(http.Response.Body);
        json.WriteStartObject();
        json.WriteString("object", "list");
        json.WriteStartArray("data");
        foreach (var model in models)
        {
            foreach (var id in model.AnthropicNames.Take(1).Prepend(model.Id))
            {
                json.WriteStartObject();
                json.WriteString("id", id);
                json.WriteString("type", "model");
                json.WriteString("object", "model");
                json.WriteString("display_name", model.DisplayName);
                json.WriteString("created_at", "1970-01-01T00:00:00Z");
                json.WriteNumber("created", 0);
                json.WriteString("owned_by", "anthropic");
                json.WriteString("family", model.Family);
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
        json.WriteBoolean("has_more", false);
        if (models.Count > 0)
        {
            json.WriteString("first_id", models[0].Id);
            json.WriteString("last_id", models[^1].AnthropicNames.Count > 0 ? models[^1].AnthropicNames[0] : models[^1].Id);
        }
        else
        {
            json.WriteNull("first_id");
            json.WriteNull("last_id");
        }

        json.WriteEndObject();
    }
}
