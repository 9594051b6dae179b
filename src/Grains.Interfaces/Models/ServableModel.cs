namespace OrleansProxy.Models;

/// <summary>
/// A model the pool can serve now: at least one usable credential has access to its family (a throttled one counts:
/// it comes back) in a region that can call it. What <c>GET /v1/models</c> and the Bedrock front door's listings show.
/// </summary>
/// <param name="BaseId">The Bedrock base id.</param>
/// <param name="AnthropicName">The Anthropic API name.</param>
/// <param name="Family">The access and throttling unit.</param>
/// <param name="DisplayName">The name to display (the table's, else Bedrock's <c>modelName</c>, else built by rule).</param>
/// <param name="Dialect">The bodies it takes.</param>
/// <param name="CreatedAt">Release date where known (the table, the date in the id, or its profiles' <c>createdAt</c>).</param>
/// <param name="OnDemand">Some usable credential's region invokes the base id on demand.</param>
/// <param name="ProfileIds">Inference profile ids (<c>us.anthropic…</c>) some usable credential can call, ordered.</param>
/// <param name="Listed">Bedrock listed it (rather than only the built-in table knowing it).</param>
[GenerateSerializer, Immutable, Alias("OrleansProxy.Models.ServableModel")]
public sealed record ServableModel(
    [property: Id(0)] string BaseId,
    [property: Id(1)] string AnthropicName,
    [property: Id(2)] string Family,
    [property: Id(3)] string DisplayName,
    [property: Id(4)] BodyDialect Dialect,
    [property: Id(5)] DateTimeOffset? CreatedAt,
    [property: Id(6)] bool OnDemand,
    [property: Id(7)] IReadOnlyList<string> ProfileIds,
    [property: Id(8)] bool Listed);
