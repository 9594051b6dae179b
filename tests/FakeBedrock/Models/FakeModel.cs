namespace OrleansProxy.Testing.FakeBedrock.Models;

/// <summary>One Anthropic model in the fake's catalogue.</summary>
/// <param name="BaseId">Bedrock's base model id, e.g. <c>anthropic.claude-3-haiku-20240307-v1:0</c>.</param>
/// <param name="AnthropicName">The name Bedrock puts in a Messages reply's <c>model</c> field.</param>
/// <param name="TextCompletions">Also accepts legacy Text Completions bodies (Claude 2.x and Instant).</param>
/// <param name="OnDemand">Invocable by its base id; false means only through an inference profile.</param>
/// <param name="Retired">Past end of life: every call answers 404.</param>
/// <param name="Profiles">Geography prefixes (<c>us</c>, <c>eu</c>, …) with a cross-region inference profile for it.</param>
internal sealed record FakeModel(
    string BaseId,
    string AnthropicName,
    bool TextCompletions,
    bool OnDemand,
    bool Retired,
    IReadOnlySet<string> Profiles);
