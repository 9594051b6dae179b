namespace OrleansProxy.Models;

/// <summary>What <see cref="ModelRules"/> reads out of a model name.</summary>
/// <param name="BaseId">
/// The Bedrock base id: as given for a Bedrock id, else derived (<c>anthropic.</c> + name, with <c>-v1:0</c> when dated).
/// </param>
/// <param name="Geography">The cross-region profile prefix (<c>us</c>, <c>global</c>, …), or null.</param>
/// <param name="AnthropicName">The Anthropic API name (<c>claude-opus-5-5</c>, <c>claude-3-5-sonnet-20240620</c>).</param>
/// <param name="Family">The access and throttling unit: the name without its date (<c>claude-3-5-sonnet</c>).</param>
/// <param name="DisplayName">A display name built from the parts (<c>Claude Opus 5.5</c>).</param>
/// <param name="Date">The date in a dated id, Anthropic's release date of that snapshot.</param>
/// <param name="IsBedrockId">Whether the name was a Bedrock id (<c>anthropic.…</c>) rather than an Anthropic name.</param>
public sealed record ModelNameParts(
    string BaseId,
    string? Geography,
    string AnthropicName,
    string Family,
    string DisplayName,
    DateOnly? Date,
    bool IsBedrockId);
