using System.Collections.Frozen;

namespace OrleansProxy.Testing.FakeBedrock.Models;

/// <summary>
/// The fake's own table of Anthropic models on Bedrock, kept apart from the product's so that a
/// wrong id in the product shows up as a failure here. Claude 3.7 and every Claude 4+ model are
/// callable only through inference profiles, as on real Bedrock. CountTokens serves models up to the 4.6 generation by
/// base id (the list danilop/ttok4bedrock keeps); the undated 4.7+ models refuse it on bedrock-runtime.
/// </summary>
public static class FakeModelCatalog
{
    private static readonly FrozenSet<string> None = FrozenSet<string>.Empty;
    private static readonly FrozenSet<string> Claude3Geographies = new[] { "us", "eu", "apac" }.ToFrozenSet();
    private static readonly FrozenSet<string> Claude4Geographies = new[] { "us", "eu", "apac", "jp", "au", "global" }.ToFrozenSet();

    private static readonly FrozenSet<string> UsAndGlobal = new[] { "us", "global" }.ToFrozenSet();

    public static readonly IReadOnlyList<FakeModel> All =
    [
        new("anthropic.claude-v1", "claude-v1", TextCompletions: true, OnDemand: true, Retired: true, None),
        new("anthropic.claude-v2", "claude-2.0", TextCompletions: true, OnDemand: true, Retired: false, None),
        new("anthropic.claude-v2:1", "claude-2.1", TextCompletions: true, OnDemand: true, Retired: false, None),
        new("anthropic.claude-instant-v1", "claude-instant-1.2", TextCompletions: true, OnDemand: true, Retired: false, None),
        Messages("anthropic.claude-3-haiku-20240307-v1:0", "claude-3-haiku-20240307", onDemand: true, Claude3Geographies),
        Messages("anthropic.claude-3-sonnet-20240229-v1:0", "claude-3-sonnet-20240229", onDemand: true, Claude3Geographies),
        Messages("anthropic.claude-3-opus-20240229-v1:0", "claude-3-opus-20240229", onDemand: true, Claude3Geographies),
        Messages("anthropic.claude-3-5-sonnet-20240620-v1:0", "claude-3-5-sonnet-20240620", onDemand: true, Claude3Geographies),
        Messages("anthropic.claude-3-5-sonnet-20241022-v2:0", "claude-3-5-sonnet-20241022", onDemand: true, Claude3Geographies),
        Messages("anthropic.claude-3-5-haiku-20241022-v1:0", "claude-3-5-haiku-20241022", onDemand: true, Claude3Geographies),
        Messages("anthropic.claude-3-7-sonnet-20250219-v1:0", "claude-3-7-sonnet-20250219", onDemand: false, Claude3Geographies),
        Messages("anthropic.claude-sonnet-4-20250514-v1:0", "claude-sonnet-4-20250514", onDemand: false, Claude4Geographies),
        Messages("anthropic.claude-opus-4-20250514-v1:0", "claude-opus-4-20250514", onDemand: false, Claude4Geographies),
        Messages("anthropic.claude-opus-4-1-20250805-v1:0", "claude-opus-4-1-20250805", onDemand: false, Claude4Geographies),
        Messages("anthropic.claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5-20250929", onDemand: false, Claude4Geographies),
        Messages("anthropic.claude-haiku-4-5-20251001-v1:0", "claude-haiku-4-5-20251001", onDemand: false, Claude4Geographies),
        Messages("anthropic.claude-opus-4-5-20251101-v1:0", "claude-opus-4-5-20251101", onDemand: false, Claude4Geographies),
        Messages("anthropic.claude-opus-4-6-v1", "claude-opus-4-6", onDemand: false, Claude4Geographies),
        Messages("anthropic.claude-sonnet-4-6", "claude-sonnet-4-6", onDemand: false, Claude4Geographies),
        Messages("anthropic.claude-opus-4-7", "claude-opus-4-7", onDemand: false, UsAndGlobal, countsTokens: false),
        Messages("anthropic.claude-opus-4-8", "claude-opus-4-8", onDemand: false, UsAndGlobal, countsTokens: false),
        Messages("anthropic.claude-opus-5", "claude-opus-5", onDemand: false, UsAndGlobal, countsTokens: false),
        Messages("anthropic.claude-opus-5-5", "claude-opus-5-5", onDemand: false, UsAndGlobal, countsTokens: false),
        Messages("anthropic.claude-sonnet-5", "claude-sonnet-5", onDemand: false, UsAndGlobal, countsTokens: false),
        Messages("anthropic.claude-sonnet-5-5", "claude-sonnet-5-5", onDemand: false, UsAndGlobal, countsTokens: false),
        Messages("anthropic.claude-haiku-5-5", "claude-haiku-5-5", onDemand: false, UsAndGlobal, countsTokens: false),
        Messages("anthropic.claude-fable-5", "claude-fable-5", onDemand: false, UsAndGlobal, countsTokens: false),
        Messages("anthropic.claude-fable-5-1", "claude-fable-5-1", onDemand: false, UsAndGlobal, countsTokens: false),
        Messages("anthropic.claude-fable-5-2", "claude-fable-5-2", onDemand: false, UsAndGlobal, countsTokens: false),
        Messages("anthropic.claude-mythos-5", "claude-mythos-5", onDemand: false, UsAndGlobal, countsTokens: false),
    ];

    private static readonly FrozenDictionary<string, FakeModel> ByBaseId =
        All.ToFrozenDictionary(model => model.BaseId, StringComparer.Ordinal);

    public static FakeModel? Find(string baseId) => ByBaseId.GetValueOrDefault(baseId);

    private static FakeModel Messages(string baseId, string name, bool onDemand, FrozenSet<string> profiles, bool countsTokens = true) =>
        new(baseId, name, TextCompletions: false, onDemand, Retired: false, profiles, CountsTokens: countsTokens);
}
