using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace OrleansProxy.Models;

/// <summary>
/// The Claude models the proxy serves, their families, dialects and names. Clients may send a Bedrock id
/// (<c>anthropic.claude-v2:1</c>), a cross-region profile id (<c>us.anthropic...</c>) or an Anthropic API
/// name (<c>claude-2.1</c>); anything else is refused by name, never substituted.
/// </summary>
public static class ModelCatalog
{
    private static readonly string[] UsEuApac = ["us", "eu", "apac"];
    private static readonly string[] UsOnly = ["us"];
    private static readonly string[] UsGlobal = ["us", "global"];
    private static readonly string[] None = [];

    /// <summary>Every model, oldest first.</summary>
    public static IReadOnlyList<BedrockModel> Models { get; } =
    [
        new("anthropic.claude-v1", "claude-v1", "Claude 1.3", BodyDialect.TextCompletionsAndMessages,
            ["claude-v1", "claude-1", "claude-1.3", "claude-v1.3"], None, RetiredOn: new DateOnly(2024, 2, 28)),
        new("anthropic.claude-v2", "claude-v2", "Claude 2.0", BodyDialect.TextCompletionsAndMessages,
            ["claude-2", "claude-2.0", "claude-v2"], None),
        new("anthropic.claude-v2:1", "claude-v2", "Claude 2.1", BodyDialect.TextCompletionsAndMessages,
            ["claude-2.1", "claude-v2.1"], None),
        new("anthropic.claude-instant-v1", "claude-instant", "Claude Instant 1.2", BodyDialect.TextCompletionsAndMessages,
            ["claude-instant-1", "claude-instant-1.2", "claude-instant-v1"], None),
        new("anthropic.claude-3-haiku-20240307-v1:0", "claude-3-haiku", "Claude 3 Haiku", BodyDialect.Messages,
            ["claude-3-haiku-20240307", "claude-3-haiku"], UsEuApac),
        new("anthropic.claude-3-sonnet-20240229-v1:0", "claude-3-sonnet", "Claude 3 Sonnet", BodyDialect.Messages,
            ["claude-3-sonnet-20240229", "claude-3-sonnet"], UsEuApac),
        new("anthropic.claude-3-opus-20240229-v1:0", "claude-3-opus", "Claude 3 Opus", BodyDialect.Messages,
            ["claude-3-opus-20240229", "claude-3-opus-latest", "claude-3-opus"], UsOnly),
        new("anthropic.claude-3-5-sonnet-20240620-v1:0", "claude-3-5-sonnet", "Claude 3.5 Sonnet", BodyDialect.Messages,
            ["claude-3-5-sonnet-20240620"], UsEuApac),
        new("anthropic.claude-3-5-sonnet-20241022-v2:0", "claude-3-5-sonnet", "Claude 3.5 Sonnet v2", BodyDialect.Messages,
            ["claude-3-5-sonnet-20241022", "claude-3-5-sonnet-latest", "claude-3-5-sonnet"], UsEuApac),
        new("anthropic.claude-3-5-haiku-20241022-v1:0", "claude-3-5-haiku", "Claude 3.5 Haiku", BodyDialect.Messages,
            ["claude-3-5-haiku-20241022", "claude-3-5-haiku-latest", "claude-3-5-haiku"], UsOnly),
        new("anthropic.claude-3-7-sonnet-20250219-v1:0", "claude-3-7-sonnet", "Claude 3.7 Sonnet", BodyDialect.Messages,
            ["claude-3-7-sonnet-20250219", "claude-3-7-sonnet-latest", "claude-3-7-sonnet"], UsEuApac,
            RequiresInferenceProfile: true),
        new("anthropic.claude-sonnet-4-20250514-v1:0", "claude-sonnet-4", "Claude Sonnet 4", BodyDialect.Messages,
            ["claude-sonnet-4-20250514", "claude-sonnet-4-0", "claude-4-sonnet-20250514", "claude-sonnet-4"],
            ["us", "eu", "apac", "global"], RequiresInferenceProfile: true),
        new("anthropic.claude-opus-4-20250514-v1:0", "claude-opus-4", "Claude Opus 4", BodyDialect.Messages,
            ["claude-opus-4-20250514", "claude-opus-4-0", "claude-4-opus-20250514", "claude-opus-4"],
            UsOnly, RequiresInferenceProfile: true),
        new("anthropic.claude-opus-4-1-20250805-v1:0", "claude-opus-4-1", "Claude Opus 4.1", BodyDialect.Messages,
            ["claude-opus-4-1-20250805", "claude-opus-4-1"], UsOnly, RequiresInferenceProfile: true),
        new("anthropic.claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5", "Claude Sonnet 4.5", BodyDialect.Messages,
            ["claude-sonnet-4-5-20250929", "claude-sonnet-4-5"], ["us", "eu", "jp", "au", "global"],
            RequiresInferenceProfile: true),
        new("anthropic.claude-haiku-4-5-20251001-v1:0", "claude-haiku-4-5", "Claude Haiku 4.5", BodyDialect.Messages,
            ["claude-haiku-4-5-20251001", "claude-haiku-4-5"], ["us", "eu", "jp", "au", "global"],
            RequiresInferenceProfile: true),
        new("anthropic.claude-opus-4-5-20251101-v1:0", "claude-opus-4-5", "Claude Opus 4.5", BodyDialect.Messages,
            ["claude-opus-4-5-20251101", "claude-opus-4-5"], ["us", "eu", "global"], RequiresInferenceProfile: true),
        // From Opus 4.6 on, Bedrock ids carry no date (and Sonnet 4.6 no version suffix either).
        new("anthropic.claude-opus-4-6-v1", "claude-opus-4-6", "Claude Opus 4.6", BodyDialect.Messages,
            ["claude-opus-4-6"], ["us", "eu", "jp", "au", "global"], RequiresInferenceProfile: true),
        new("anthropic.claude-sonnet-4-6", "claude-sonnet-4-6", "Claude Sonnet 4.6", BodyDialect.Messages,
            ["claude-sonnet-4-6"], ["us", "eu", "jp", "au", "global"], RequiresInferenceProfile: true),
        // The models Claude Code 2.1.332 knows for Bedrock: no date or version in the id, callable only through the
        // us. and global. inference profiles (NOTES-bedrock, "Calling models").
        new("anthropic.claude-opus-4-7", "claude-opus-4-7", "Claude Opus 4.7", BodyDialect.Messages,
            ["claude-opus-4-7"], UsGlobal, RequiresInferenceProfile: true),
        new("anthropic.claude-opus-4-8", "claude-opus-4-8", "Claude Opus 4.8", BodyDialect.Messages,
            ["claude-opus-4-8"], UsGlobal, RequiresInferenceProfile: true),
        new("anthropic.claude-opus-5", "claude-opus-5", "Claude Opus 5", BodyDialect.Messages,
            ["claude-opus-5"], UsGlobal, RequiresInferenceProfile: true),
        new("anthropic.claude-opus-5-5", "claude-opus-5-5", "Claude Opus 5.5", BodyDialect.Messages,
            ["claude-opus-5-5"], UsGlobal, RequiresInferenceProfile: true),
        new("anthropic.claude-sonnet-5", "claude-sonnet-5", "Claude Sonnet 5", BodyDialect.Messages,
            ["claude-sonnet-5"], UsGlobal, RequiresInferenceProfile: true),
        new("anthropic.claude-sonnet-5-5", "claude-sonnet-5-5", "Claude Sonnet 5.5", BodyDialect.Messages,
            ["claude-sonnet-5-5"], UsGlobal, RequiresInferenceProfile: true),
        new("anthropic.claude-haiku-5-5", "claude-haiku-5-5", "Claude Haiku 5.5", BodyDialect.Messages,
            ["claude-haiku-5-5"], UsGlobal, RequiresInferenceProfile: true),
        new("anthropic.claude-fable-5", "claude-fable-5", "Claude Fable 5", BodyDialect.Messages,
            ["claude-fable-5"], UsGlobal, RequiresInferenceProfile: true),
        new("anthropic.claude-fable-5-1", "claude-fable-5-1", "Claude Fable 5.1", BodyDialect.Messages,
            ["claude-fable-5-1"], UsGlobal, RequiresInferenceProfile: true),
        new("anthropic.claude-fable-5-2", "claude-fable-5-2", "Claude Fable 5.2", BodyDialect.Messages,
            ["claude-fable-5-2"], UsGlobal, RequiresInferenceProfile: true),
        new("anthropic.claude-mythos-5", "claude-mythos-5", "Claude Mythos 5", BodyDialect.Messages,
            ["claude-mythos-5"], UsGlobal, RequiresInferenceProfile: true),
    ];

    /// <summary>Every family the pool tracks, in catalogue order, retired ones excluded.</summary>
    public static IReadOnlyList<string> Families { get; } =
        Models.Where(m => !m.IsRetired).Select(m => m.Family).Distinct().ToArray();

    private static readonly FrozenDictionary<string, BedrockModel> ByName = BuildNameIndex();

    private static readonly FrozenDictionary<string, BedrockModel> ProbeModelByFamily =
        Models.Where(m => !m.IsRetired).GroupBy(m => m.Family).ToFrozenDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

    /// <summary>
    /// Resolves a client's model name: the table first (its ids, Anthropic names and profiles), then
    /// <see cref="ModelRules"/> for any other current Claude name, so a model Bedrock launched after this release
    /// resolves to its family and dialect (whether a credential can serve it is the pool's call, from Bedrock's
    /// listing). Claude Code's <c>[1m]</c> suffix is stripped and flagged. Returns false for garbage, for legacy-looking
    /// ids the table does not have, and for a profile prefix a table model has no profile in
    /// (<c>jp.anthropic.claude-3-opus...</c>).
    /// </summary>
    public static bool TryResolve(string? name, [NotNullWhen(true)] out ResolvedModel? resolved)
    {
        resolved = null;
        if (string.IsNullOrWhiteSpace(name) || name.Length > 128)
        {
            return false;
        }

        name = ModelRules.StripOneMillionContext(name, out var oneMillionContext);
        if (TryResolveListed(name, out resolved) || TryResolveByRule(name, out resolved))
        {
            resolved = oneMillionContext ? resolved with { OneMillionContext = true } : resolved;
            return true;
        }

        return false;
    }

    /// <summary>Finds a table model by base id or Anthropic name (no profile prefix, no rules).</summary>
    public static BedrockModel? Find(string name) => ByName.GetValueOrDefault(name);

    private static bool TryResolveListed(string name, [NotNullWhen(true)] out ResolvedModel? resolved)
    {
        resolved = null;
        if (ByName.TryGetValue(name, out var model))
        {
            resolved = new ResolvedModel(model, null);
            return true;
        }

        foreach (var geography in Geographies.All)
        {
            if (name.Length > geography.Length + 1
                && name[geography.Length] == '.'
                && name.StartsWith(geography, StringComparison.Ordinal)
                && ByName.TryGetValue(name[(geography.Length + 1)..], out model)
                && model.Id == name[(geography.Length + 1)..]
                && model.ProfileGeographies.Contains(geography))
            {
                resolved = new ResolvedModel(model, geography);
                return true;
            }
        }

        return false;
    }

    private static bool TryResolveByRule(string name, [NotNullWhen(true)] out ResolvedModel? resolved)
    {
        resolved = null;
        if (!ModelRules.TryParse(name, out var parts) || ByName.ContainsKey(parts.BaseId))
        {
            // A table id with a profile it does not have stays refused: the table is the authority on its own models.
            return false;
        }

        if (!parts.IsBedrockId && ByName.TryGetValue(parts.AnthropicName, out var listed))
        {
            resolved = new ResolvedModel(listed, parts.Geography);
            return parts.Geography is null || listed.ProfileGeographies.Contains(parts.Geography);
        }

        resolved = new ResolvedModel(FromRules(parts), parts.Geography) { FromRules = true };
        return true;
    }

    /// <summary>
    /// A model the table does not list, described by rule: Messages dialect, and (as every Claude from 3.7 on) no
    /// known on-demand route; Bedrock's listing tells the pool where it can be called.
    /// </summary>
    public static BedrockModel FromRules(ModelNameParts parts) => new(
        parts.BaseId, parts.Family, parts.DisplayName, BodyDialect.Messages, [parts.AnthropicName], None,
        RequiresInferenceProfile: true, ReleasedOn: parts.Date);

    /// <summary>The model whose id the access probe for <paramref name="family"/> calls (the newest in it).</summary>
    public static BedrockModel ProbeModel(string family) => ProbeModelByFamily[family];

    /// <summary>Whether a credential in <paramref name="region"/> can call <paramref name="model"/> at all.</summary>
    public static bool RegionCanServe(ResolvedModel model, string region)
    {
        if (model.Geography is { } geography)
        {
            return Geographies.Contains(geography, region);
        }

        return !model.Model.RequiresInferenceProfile || Geographies.ProfileFor(model.Model, region) is not null;
    }

    private static FrozenDictionary<string, BedrockModel> BuildNameIndex()
    {
        var index = new Dictionary<string, BedrockModel>(StringComparer.Ordinal);
        foreach (var model in Models)
        {
            index.Add(model.Id, model);
            foreach (var name in model.AnthropicNames)
            {
                index.Add(name, model);
            }
        }

        return index.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
