namespace OrleansProxy.Models;

/// <summary>One Anthropic model as Bedrock lists it in one region (ListFoundationModels + ListInferenceProfiles).</summary>
/// <param name="BaseId">The base model id (<c>anthropic.claude-opus-5-5</c>); only ids <see cref="ModelRules"/> reads are kept.</param>
/// <param name="OnDemand">ListFoundationModels says <c>ON_DEMAND</c> for it in this region: the base id can be invoked.</param>
/// <param name="ProfileGeographies">Geographies of the SYSTEM_DEFINED profiles this region lists for it (<c>us</c>, <c>global</c>).</param>
/// <param name="DisplayName">Bedrock's <c>modelName</c> (<c>Claude Opus 5.5</c>), if listed.</param>
/// <param name="CreatedAt">The earliest <c>createdAt</c> of its profiles, if any: when Bedrock started serving it.</param>
[GenerateSerializer, Immutable, Alias("OrleansProxy.Models.ListedModel")]
public sealed record ListedModel(
    [property: Id(0)] string BaseId,
    [property: Id(1)] bool OnDemand,
    [property: Id(2)] IReadOnlyList<string> ProfileGeographies,
    [property: Id(3)] string? DisplayName,
    [property: Id(4)] DateTimeOffset? CreatedAt);
