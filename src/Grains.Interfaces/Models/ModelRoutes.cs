namespace OrleansProxy.Models;

/// <summary>
/// Which id a credential in a region sends upstream for a model: Bedrock's listing of that region decides when it has
/// one (on demand where it says <c>ON_DEMAND</c>, else the narrowest listed profile containing the region); without a
/// listing (no IAM permission, or not taken yet) the built-in table does. Null: the region cannot serve the model.
/// </summary>
public static class ModelRoutes
{
    /// <summary>The upstream model id, or null when a credential in <paramref name="region"/> cannot call the model.</summary>
    public static string? UpstreamId(ResolvedModel model, string region, ModelListing? listing)
    {
        var table = model.FromRules ? null : model.Model;
        var listed = listing?.Find(model.Model.Id);
        var geographies = listing is { ProfilesListed: true }
            ? listed?.ProfileGeographies ?? []
            : table?.ProfileGeographies ?? [];
        if (model.Geography is { } asked)
        {
            return Geographies.Contains(asked, region) && geographies.Contains(asked) ? model.ProfileId(asked) : null;
        }

        var onDemand = listing is { FoundationModelsListed: true }
            ? listed?.OnDemand == true
            : table is { RequiresInferenceProfile: false };
        if (onDemand)
        {
            return model.Model.Id;
        }

        return Geographies.Narrowest(geographies, region) is { } geography ? model.ProfileId(geography) : null;
    }
}
