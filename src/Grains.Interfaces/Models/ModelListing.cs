namespace OrleansProxy.Models;

/// <summary>
/// What Bedrock's control plane lists for one credential's region: the Anthropic models and their system inference
/// profiles. Either half may be missing when the credential lacks <c>bedrock:ListFoundationModels</c> or
/// <c>bedrock:ListInferenceProfiles</c>; then the built-in table answers for that half.
/// </summary>
/// <param name="Region">The region listed.</param>
/// <param name="ListedAt">When the listing was taken.</param>
/// <param name="FoundationModelsListed">Whether ListFoundationModels answered (so <see cref="ListedModel.OnDemand"/> is known).</param>
/// <param name="ProfilesListed">Whether ListInferenceProfiles answered (so <see cref="ListedModel.ProfileGeographies"/> is known).</param>
/// <param name="Models">The models, ordered by base id.</param>
/// <param name="Fingerprint">A digest of the content (not the time), so a receiver can tell a changed listing cheaply.</param>
[GenerateSerializer, Immutable, Alias("OrleansProxy.Models.ModelListing")]
public sealed record ModelListing(
    [property: Id(0)] string Region,
    [property: Id(1)] DateTimeOffset ListedAt,
    [property: Id(2)] bool FoundationModelsListed,
    [property: Id(3)] bool ProfilesListed,
    [property: Id(4)] IReadOnlyList<ListedModel> Models,
    [property: Id(5)] string Fingerprint)
{
    /// <summary>The listed model with <paramref name="baseId"/>, if any.</summary>
    public ListedModel? Find(string baseId)
    {
        foreach (var model in Models)
        {
            if (string.Equals(model.BaseId, baseId, StringComparison.Ordinal))
            {
                return model;
            }
        }

        return null;
    }

    /// <summary>Builds a listing, ordering the models and computing the fingerprint.</summary>
    public static ModelListing Create(string region, DateTimeOffset listedAt, bool foundationModelsListed, bool profilesListed, IEnumerable<ListedModel> models)
    {
        var ordered = models.OrderBy(m => m.BaseId, StringComparer.Ordinal).ToArray();
        var text = new System.Text.StringBuilder().Append(region).Append('|').Append(foundationModelsListed).Append(profilesListed);
        foreach (var model in ordered)
        {
            text.Append('|').Append(model.BaseId).Append(',').Append(model.OnDemand).Append(',')
                .AppendJoin('+', model.ProfileGeographies).Append(',').Append(model.DisplayName).Append(',').Append(model.CreatedAt?.UtcTicks);
        }

        var digest = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString()));
        return new ModelListing(region, listedAt, foundationModelsListed, profilesListed, ordered, Convert.ToHexStringLower(digest.AsSpan(0, 12)));
    }
}
