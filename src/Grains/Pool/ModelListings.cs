using OrleansProxy.Models;

namespace OrleansProxy.Pool;

/// <summary>
/// The pool's view of what Bedrock lists per region, from the listings credentials send with their summaries. It
/// resolves names the table does not know to the model Bedrock listed (by base id, or by Anthropic name, the undated
/// family name meaning its newest snapshot) and routes a model per region (<see cref="ModelRoutes"/>). Listings are
/// region-wide facts, so the newest one of any credential in a region stands for the region. Not thread-safe: the
/// pool grain's turns are its lock.
/// </summary>
public sealed class ModelListings
{
    private readonly Dictionary<string, ModelListing> _byRegion = new(StringComparer.Ordinal);
    private Dictionary<string, BedrockModel> _byName = new(StringComparer.Ordinal);

    /// <summary>Every region's current listing.</summary>
    public IReadOnlyCollection<ModelListing> All => _byRegion.Values;

    /// <summary>The models Bedrock lists that the built-in table does not have, one entry each.</summary>
    public IEnumerable<BedrockModel> Unlisted => _byName.Values.Distinct();

    /// <summary>The listing of <paramref name="region"/>, if any credential there sent one.</summary>
    public ModelListing? For(string region) => _byRegion.GetValueOrDefault(region);

    /// <summary>Takes a credential's listing; true when the region's listing changed.</summary>
    public bool Update(ModelListing? listing)
    {
        if (listing is null
            || (_byRegion.TryGetValue(listing.Region, out var known)
                && (known.Fingerprint == listing.Fingerprint || known.ListedAt > listing.ListedAt)))
        {
            return false;
        }

        _byRegion[listing.Region] = listing;
        Rebuild();
        return true;
    }

    /// <summary>
    /// Turns a model read by rule into the model Bedrock listed; table models pass unchanged. Null when no region lists
    /// a rule-read model: nobody can serve it, and the client hears that it is unknown.
    /// </summary>
    public ResolvedModel? Refine(ResolvedModel model)
    {
        if (!model.FromRules)
        {
            return model;
        }

        return _byName.TryGetValue(model.Model.Id, out var listed) || _byName.TryGetValue(model.Model.AnthropicNames[0], out listed)
            ? new ResolvedModel(listed, model.Geography) { FromRules = true, OneMillionContext = model.OneMillionContext }
            : null;
    }

    /// <summary>The upstream id a credential in <paramref name="region"/> uses for <paramref name="model"/>, or null.</summary>
    public string? UpstreamId(ResolvedModel model, string region) => ModelRoutes.UpstreamId(model, region, For(region));

    private void Rebuild()
    {
        var byId = new Dictionary<string, List<ListedModel>>(StringComparer.Ordinal);
        foreach (var listing in _byRegion.Values)
        {
            foreach (var model in listing.Models)
            {
                if (ModelCatalog.Find(model.BaseId) is null)
                {
                    (byId.TryGetValue(model.BaseId, out var seen) ? seen : byId[model.BaseId] = []).Add(model);
                }
            }
        }

        var index = new Dictionary<string, BedrockModel>(StringComparer.Ordinal);
        foreach (var (id, listed) in byId.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!ModelRules.TryParse(id, out var parts))
            {
                continue;
            }

            var created = listed.Select(m => m.CreatedAt).Where(c => c is not null).Min();
            var model = new BedrockModel(
                id,
                parts.Family,
                listed.Select(m => m.DisplayName).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n)) ?? parts.DisplayName,
                BodyDialect.Messages,
                [parts.AnthropicName],
                [.. listed.SelectMany(m => m.ProfileGeographies).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                RequiresInferenceProfile: !listed.Any(m => m.OnDemand),
                ReleasedOn: parts.Date ?? (created is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : null));
            index[id] = model;
            index.TryAdd(parts.AnthropicName, model);
            // Ids sort by date, so the undated family name ends up meaning the newest snapshot listed.
            if (parts.Date is not null && ModelCatalog.Find(parts.Family) is null)
            {
                index[parts.Family] = model;
            }
        }

        _byName = index;
    }
}
