namespace OrleansProxy.Testing.FakeBedrock.Models;

/// <summary>One Anthropic model in the fake's catalogue.</summary>
/// <param name="BaseId">Bedrock's base model id, e.g. <c>anthropic.claude-3-haiku-20240307-v1:0</c>.</param>
/// <param name="AnthropicName">The name Bedrock puts in a Messages reply's <c>model</c> field.</param>
/// <param name="TextCompletions">Also accepts legacy Text Completions bodies (Claude 2.x and Instant).</param>
/// <param name="OnDemand">Invocable by its base id; false means only through an inference profile.</param>
/// <param name="Retired">Past end of life: every call answers 404.</param>
/// <param name="Profiles">Geography prefixes (<c>us</c>, <c>eu</c>, …) with a cross-region inference profile for it.</param>
/// <param name="DisplayName">ListFoundationModels' <c>modelName</c>; null derives "Claude …" from the Anthropic name.</param>
/// <param name="ProfileOnlyRegions">Regions where an on-demand model is reachable only through a profile (as 3.5 Sonnet v2 in us-east-1).</param>
/// <param name="CountsTokens">
/// CountTokens on bedrock-runtime serves it (by its base id). Bedrock refuses profile ids and models it has no counting
/// for with "The provided model doesn't support counting tokens." (maximhq/bifrost#2169; the newest models count only
/// on bedrock-mantle).
/// </param>
public sealed record FakeModel(
    string BaseId,
    string AnthropicName,
    bool TextCompletions,
    bool OnDemand,
    bool Retired,
    IReadOnlySet<string> Profiles,
    string? DisplayName = null,
    IReadOnlySet<string>? ProfileOnlyRegions = null,
    bool CountsTokens = true)
{
    /// <summary>Whether the base id takes on-demand calls from <paramref name="region"/>.</summary>
    public bool OnDemandIn(string region) => OnDemand && ProfileOnlyRegions?.Contains(region) != true;

    /// <summary>The <c>modelName</c> Bedrock lists.</summary>
    public string Name => DisplayName ?? "Claude " + string.Join(' ', AnthropicName["claude-".Length..].Split('-')
        .Where(part => part.Length != 8 || !part.All(char.IsAsciiDigit))
        .Select(part => char.IsAsciiLetter(part[0]) ? char.ToUpperInvariant(part[0]) + part[1..] : part));
}
