using OrleansProxy.Credentials;
using OrleansProxy.Models;

namespace OrleansProxy.Pool;

/// <summary>Builds the list of models the pool can serve now, with the routes usable credentials have to them.</summary>
public static class ServableModels
{
    /// <summary>
    /// A model is servable when a usable credential (throttled counts) has access to its family in a region that can
    /// call it; the newest Bedrock-listed models first, then the table's, newest first.
    /// </summary>
    public static IReadOnlyList<ServableModel> Build(CredentialSelector selector, ModelListings listings)
    {
        var regionsByFamily = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var entry in selector.Entries)
        {
            if (!entry.Summary.Usable)
            {
                continue;
            }

            foreach (var (family, access) in entry.Summary.Access)
            {
                if (access == FamilyAccess.Granted)
                {
                    (regionsByFamily.TryGetValue(family, out var regions) ? regions : regionsByFamily[family] = new(StringComparer.Ordinal)).Add(entry.Region);
                }
            }
        }

        var candidates = listings.Unlisted
            .OrderByDescending(m => m.CreatedOn)
            .ThenByDescending(m => m.Id, StringComparer.Ordinal)
            .Select(m => (Model: m, Listed: true))
            .Concat(ModelCatalog.Models.Where(m => !m.IsRetired).Reverse().Select(m => (Model: m, Listed: IsListed(m.Id, listings))));
        var servable = new List<ServableModel>();
        foreach (var (model, listed) in candidates)
        {
            if (!regionsByFamily.TryGetValue(model.Family, out var regions))
            {
                continue;
            }

            var fromRules = ModelCatalog.Find(model.Id) is null;
            var onDemand = false;
            var profiles = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var region in regions)
            {
                onDemand |= listings.UpstreamId(new ResolvedModel(model, null) { FromRules = fromRules }, region) == model.Id;
                foreach (var geography in Geographies.All)
                {
                    if (listings.UpstreamId(new ResolvedModel(model, geography) { FromRules = fromRules }, region) is { } profile)
                    {
                        profiles.Add(profile);
                    }
                }
            }

            if (onDemand || profiles.Count > 0)
            {
                var created = model.CreatedOn is { } date ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : (DateTimeOffset?)null;
                servable.Add(new ServableModel(
                    model.Id, model.AnthropicNames.Count > 0 ? model.AnthropicNames[0] : model.Id, model.Family, model.DisplayName,
                    model.Dialect, created, onDemand, [.. profiles], listed));
            }
        }

        return servable;
    }

    private static bool IsListed(string baseId, ModelListings listings)
    {
        foreach (var listing in listings.All)
        {
            if (listing.Find(baseId) is not null)
            {
                return true;
            }
        }

        return false;
    }
}
