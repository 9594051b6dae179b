namespace OrleansProxy.Models;

/// <summary>One Claude model as Bedrock serves it.</summary>
/// <param name="Id">The base Bedrock model id, e.g. <c>anthropic.claude-v2:1</c>.</param>
/// <param name="Family">The access and throttling unit the pool tracks, e.g. <c>claude-3-5-sonnet</c>.</param>
/// <param name="DisplayName">A human name for info pages.</param>
/// <param name="Dialect">Which bodies the model takes.</param>
/// <param name="AnthropicNames">Names Anthropic's own API uses for the same model.</param>
/// <param name="ProfileGeographies">Geographies with a cross-region inference profile (<c>us</c>, <c>eu</c>, ...).</param>
/// <param name="RequiresInferenceProfile">Bedrock refuses on-demand calls to the base id; only profiles work.</param>
/// <param name="RetiredOn">End-of-life date, after which Bedrock refuses the id.</param>
/// <param name="ReleasedOn">Release date where the id carries none (dated ids: see <see cref="CreatedOn"/>).</param>
public sealed record BedrockModel(
    string Id,
    string Family,
    string DisplayName,
    BodyDialect Dialect,
    IReadOnlyList<string> AnthropicNames,
    IReadOnlyList<string> ProfileGeographies,
    bool RequiresInferenceProfile = false,
    DateOnly? RetiredOn = null,
    DateOnly? ReleasedOn = null)
{
    /// <summary>When Anthropic released the model: the table's date, else the date in a dated id, else unknown.</summary>
    public DateOnly? CreatedOn => ReleasedOn ?? (ModelRules.TryParse(Id, out var parts) ? parts.Date : null);

    /// <summary>Whether legacy Text Completions bodies can be sent to this model as they are.</summary>
    public bool AcceptsTextCompletions => Dialect == BodyDialect.TextCompletionsAndMessages;

    /// <summary>Whether Bedrock no longer serves the model.</summary>
    public bool IsRetired => RetiredOn is not null;
}
