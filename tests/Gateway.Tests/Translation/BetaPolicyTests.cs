using OrleansProxy.Gateway.Translation;
using OrleansProxy.Models;

namespace OrleansProxy.Gateway.Tests.Translation;

public class BetaPolicyTests
{
    private static ResolvedModel Model(string name)
    {
        Assert.True(ModelCatalog.TryResolve(ModelRules.StripOneMillionContext(name, out var oneMillion), out var model), name);
        return model with { OneMillionContext = oneMillion };
    }

    // What Claude Code 2.1.332 sends in Anthropic mode (captured from its first request).
    private static readonly List<string> ClaudeCodeFlags =
    [
        "claude-code-20250219", "interleaved-thinking-2025-05-14", "context-management-2025-06-27", "per-turn-control-2026-07-01",
        "mid-conversation-tool-changes-2026-07-01", "thinking-token-count-2026-05-13", "advanced-tool-use-2025-11-20", "effort-2025-11-24",
    ];

    [Fact]
    public void ClaudeCodesFlags_ForItsDefaultModel_KeepWhatBedrockTakes_TranslateToolSearch_DropTheRest()
    {
        var (forwarded, dropped) = BetaPolicy.Default.Filter(ClaudeCodeFlags, Model("claude-opus-5-5"));

        Assert.Equal(
            ["context-management-2025-06-27", "mid-conversation-tool-changes-2026-07-01", "tool-search-tool-2025-10-19", "effort-2025-11-24"],
            forwarded!);
        Assert.Equal(["claude-code-20250219", "interleaved-thinking-2025-05-14", "per-turn-control-2026-07-01", "thinking-token-count-2026-05-13"], dropped!);
    }

    [Fact]
    public void OlderGenerations_GetOnlyTheirFlags()
    {
        var (forwarded, dropped) = BetaPolicy.Default.Filter(ClaudeCodeFlags, Model("claude-sonnet-4-20250514"));

        Assert.Equal(["interleaved-thinking-2025-05-14"], forwarded!);
        Assert.Equal(7, dropped!.Count);
    }

    [Fact]
    public void OneMillionSuffix_AddsTheContextFlagOnce()
    {
        Assert.Equal([BetaPolicy.OneMillionContext], BetaPolicy.Default.Filter(null, Model("claude-sonnet-4-5[1m]")).Forwarded!);
        Assert.Equal([BetaPolicy.OneMillionContext], BetaPolicy.Default.Filter([BetaPolicy.OneMillionContext], Model("claude-sonnet-4-5[1m]")).Forwarded!);
        Assert.Equal((null, null), BetaPolicy.Default.Filter(null, Model("claude-sonnet-4-5")));
    }

    [Fact]
    public void Configuration_AddsRenamesAndRemovesWithoutARelease()
    {
        var policy = BetaPolicy.Configure(["new-feature-2026-12-01@4.6", "client-name-2026-12-01=bedrock-name-2026-12-01"], ["effort-2025-11-24"]);

        var (forwarded, dropped) = policy.Filter(["new-feature-2026-12-01", "client-name-2026-12-01", "effort-2025-11-24"], Model("claude-opus-5-5"));
        Assert.Equal(["new-feature-2026-12-01", "bedrock-name-2026-12-01"], forwarded!);
        Assert.Equal(["effort-2025-11-24"], dropped!);
        var older = policy.Filter(["new-feature-2026-12-01", "client-name-2026-12-01"], Model("claude-sonnet-4-5"));
        Assert.Equal(["bedrock-name-2026-12-01"], older.Forwarded!);
        Assert.Equal(["new-feature-2026-12-01"], older.Dropped!);
    }

    [Fact]
    public void Configuration_WithBadItems_NamesEachOne()
    {
        var error = Assert.Throws<FormatException>(() => BetaPolicy.Configure(["Bad Flag", "x@four"], null));

        Assert.Contains("'Bad Flag'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'x@four'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("claude-3-5-sonnet", 3.5)]
    [InlineData("claude-opus-4-5", 4.5)]
    [InlineData("claude-opus-5", 5.0)]
    [InlineData("claude-fable-5-2", 5.2)]
    [InlineData("claude-v2", 2.0)]
    [InlineData("claude-sonnet-4", 4.0)]
    [InlineData("claude-instant", 0)]
    public void Generation_IsReadFromTheFamily(string family, double expected) =>
        Assert.Equal((decimal)expected, BetaPolicy.Generation(family));
}
