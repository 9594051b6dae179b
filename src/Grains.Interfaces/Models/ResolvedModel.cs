namespace OrleansProxy.Models;

/// <summary>A client's model name resolved against the catalogue.</summary>
/// <param name="Model">The catalogue entry.</param>
/// <param name="Geography">
/// The cross-region inference geography the client asked for (<c>us</c>, <c>eu</c>, <c>global</c>, ...),
/// or null for an in-region call.
/// </param>
public sealed record ResolvedModel(BedrockModel Model, string? Geography)
{
    /// <summary>
    /// The client's name ended in Claude Code's <c>[1m]</c> suffix (stripped before resolving): it asks for the 1M-token
    /// context window, which the request translation turns into Bedrock's beta flag.
    /// </summary>
    public bool OneMillionContext { get; init; }

    /// <summary>
    /// The model is not in the built-in table: it was read by <see cref="ModelRules"/>, and only a credential whose
    /// Bedrock listing has it can serve it.
    /// </summary>
    public bool FromRules { get; init; }

    /// <summary>The model family, the unit of access and throttling.</summary>
    public string Family => Model.Family;

    /// <summary>The id the client asked for: its cross-region profile's id, or the base id.</summary>
    public string RequestedId => Geography is null ? Model.Id : ProfileId(Geography);

    /// <summary>The id of the model's cross-region inference profile in <paramref name="geography"/>.</summary>
    public string ProfileId(string geography) => $"{geography}.{Model.Id}";

    /// <summary>
    /// The id to put in the upstream URL for a credential in <paramref name="region"/>: the client's explicit
    /// profile, else the region's own profile when the model takes no on-demand calls, else the base id.
    /// </summary>
    public string UpstreamModelId(string region)
    {
        if (Geography is not null)
        {
            return ProfileId(Geography);
        }

        return Model.RequiresInferenceProfile && Geographies.ProfileFor(Model, region) is { } geography ? ProfileId(geography) : Model.Id;
    }
}
