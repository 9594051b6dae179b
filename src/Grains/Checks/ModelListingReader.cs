using System.Text.Json;
using OrleansProxy.Models;

namespace OrleansProxy.Checks;

/// <summary>
/// Reads Bedrock's ListFoundationModels and ListInferenceProfiles answers. Only ids <see cref="ModelRules"/> reads are
/// kept, so nothing a listing says can put an unexpected string into an upstream URL; context-length variants
/// (<c>anthropic.claude-v2:1:200k</c>, for Provisioned Throughput) and other providers' models drop out the same way.
/// </summary>
public static class ModelListingReader
{
    /// <summary>One foundation model of the listing.</summary>
    public sealed record FoundationModel(string BaseId, bool OnDemand, string? Name);

    /// <summary>One system inference profile of the listing.</summary>
    public sealed record Profile(string Geography, string BaseId, DateTimeOffset? CreatedAt);

    /// <summary>The Anthropic models of a <c>{"modelSummaries":[…]}</c> answer; null when it cannot be read.</summary>
    public static IReadOnlyList<FoundationModel>? FoundationModels(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("modelSummaries", out var summaries) || summaries.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var models = new List<FoundationModel>();
            foreach (var summary in summaries.EnumerateArray())
            {
                // The legacy ids (claude-v2, claude-instant-v1) are the table's; every other one must read by rule.
                if (String(summary, "modelId") is not { } id || IsLifecycle(summary, "EOL")
                    || (ModelCatalog.Find(id)?.Id != id && !(ModelRules.TryParse(id, out var parts) && parts.IsBedrockId && parts.Geography is null)))
                {
                    continue;
                }

                var onDemand = summary.TryGetProperty("inferenceTypesSupported", out var types) && types.ValueKind == JsonValueKind.Array
                    && types.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && t.ValueEquals("ON_DEMAND"));
                models.Add(new FoundationModel(id, onDemand, String(summary, "modelName")));
            }

            return models;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The Anthropic system profiles of one <c>{"inferenceProfileSummaries":[…],"nextToken"?}</c> page; null when it
    /// cannot be read. <paramref name="nextToken"/> is the next page's token, null on the last page.
    /// </summary>
    public static IReadOnlyList<Profile>? Profiles(string json, out string? nextToken)
    {
        nextToken = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (!root.TryGetProperty("inferenceProfileSummaries", out var summaries) || summaries.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            nextToken = String(root, "nextToken") is { Length: > 0 } token ? token : null;
            var profiles = new List<Profile>();
            foreach (var summary in summaries.EnumerateArray())
            {
                if (String(summary, "inferenceProfileId") is not { } id || !ModelRules.TryParse(id, out var parts)
                    || parts.Geography is not { } geography
                    || String(summary, "status") is { } status && status != "ACTIVE"
                    || String(summary, "type") is { } type && type != "SYSTEM_DEFINED")
                {
                    continue;
                }

                DateTimeOffset? created = String(summary, "createdAt") is { } text && DateTimeOffset.TryParse(
                    text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : null;
                profiles.Add(new Profile(geography, parts.BaseId, created));
            }

            return profiles;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Folds both answers into a listing; a null half means that call was not permitted.</summary>
    public static ModelListing Combine(
        string region, DateTimeOffset now, IReadOnlyList<FoundationModel>? foundationModels, IReadOnlyList<Profile>? profiles)
    {
        var models = new Dictionary<string, (bool OnDemand, string? Name, SortedSet<string> Geographies, DateTimeOffset? Created)>(StringComparer.Ordinal);
        foreach (var model in foundationModels ?? [])
        {
            models[model.BaseId] = (model.OnDemand, model.Name, new SortedSet<string>(StringComparer.Ordinal), null);
        }

        foreach (var profile in profiles ?? [])
        {
            if (!models.TryGetValue(profile.BaseId, out var model))
            {
                model = (false, null, new SortedSet<string>(StringComparer.Ordinal), null);
            }

            model.Geographies.Add(profile.Geography);
            if (profile.CreatedAt is { } created && (model.Created is null || created < model.Created))
            {
                model.Created = created;
            }

            models[profile.BaseId] = model;
        }

        return ModelListing.Create(region, now, foundationModels is not null, profiles is not null,
            models.Select(p => new ListedModel(p.Key, p.Value.OnDemand, [.. p.Value.Geographies], p.Value.Name, p.Value.Created)));
    }

    private static bool IsLifecycle(JsonElement summary, string status) =>
        summary.TryGetProperty("modelLifecycle", out var lifecycle) && lifecycle.ValueKind == JsonValueKind.Object
        && String(lifecycle, "status") == status;

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
