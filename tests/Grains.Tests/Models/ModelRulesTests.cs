namespace OrleansProxy.Models.Tests;

public sealed class ModelRulesTests
{
    [Theory]
    [InlineData("anthropic.claude-opus-6", "anthropic.claude-opus-6", null, "claude-opus-6", "claude-opus-6", "Claude Opus 6", true)]
    [InlineData("us.anthropic.claude-opus-5-5", "anthropic.claude-opus-5-5", "us", "claude-opus-5-5", "claude-opus-5-5", "Claude Opus 5.5", true)]
    [InlineData("global.anthropic.claude-fable-5-2", "anthropic.claude-fable-5-2", "global", "claude-fable-5-2", "claude-fable-5-2", "Claude Fable 5.2", true)]
    [InlineData("apac.anthropic.claude-3-5-sonnet-20241022-v2:0", "anthropic.claude-3-5-sonnet-20241022-v2:0", "apac", "claude-3-5-sonnet-20241022", "claude-3-5-sonnet", "Claude 3.5 Sonnet", true)]
    [InlineData("eu.anthropic.claude-opus-4-6-v1", "anthropic.claude-opus-4-6-v1", "eu", "claude-opus-4-6", "claude-opus-4-6", "Claude Opus 4.6", true)]
    [InlineData("claude-opus-5-5", "anthropic.claude-opus-5-5", null, "claude-opus-5-5", "claude-opus-5-5", "Claude Opus 5.5", false)]
    [InlineData("claude-sonnet-4-5-20250929", "anthropic.claude-sonnet-4-5-20250929-v1:0", null, "claude-sonnet-4-5-20250929", "claude-sonnet-4-5", "Claude Sonnet 4.5", false)]
    [InlineData("claude-3-5-sonnet-20240620", "anthropic.claude-3-5-sonnet-20240620-v1:0", null, "claude-3-5-sonnet-20240620", "claude-3-5-sonnet", "Claude 3.5 Sonnet", false)]
    [InlineData("claude-haiku-7-20280101", "anthropic.claude-haiku-7-20280101-v1:0", null, "claude-haiku-7-20280101", "claude-haiku-7", "Claude Haiku 7", false)]
    public void TryParse_CurrentNames_YieldFamilyAndIds(
        string name, string baseId, string? geography, string anthropicName, string family, string display, bool bedrockId)
    {
        Assert.True(ModelRules.TryParse(name, out var parts));

        Assert.Equal(new ModelNameParts(baseId, geography, anthropicName, family, display, parts.Date, bedrockId), parts);
    }

    [Fact]
    public void TryParse_DatedId_CarriesItsDate()
    {
        Assert.True(ModelRules.TryParse("anthropic.claude-3-haiku-20240307-v1:0", out var parts));

        Assert.Equal(new DateOnly(2024, 3, 7), parts.Date);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("gpt-4o")]
    [InlineData("claude-v2")]
    [InlineData("anthropic.claude-v3")]
    [InlineData("anthropic.claude-instant-v2")]
    [InlineData("us.claude-opus-5")]
    [InlineData("claude-opus-5-5-v1:0")]
    [InlineData("anthropic.claude-v2:1:200k")]
    [InlineData("anthropic.claude-opus-5:200k")]
    [InlineData("anthropic.claude-opus-5/invoke")]
    [InlineData("anthropic.claude-opus-5?x=1")]
    [InlineData("../anthropic.claude-opus-5")]
    [InlineData("ANTHROPIC.CLAUDE-OPUS-5")]
    [InlineData("claude-opus")]
    [InlineData("claude-opus-0")]
    [InlineData("claude-opus-5-20251399")]
    [InlineData("xx.anthropic.claude-opus-5")]
    [InlineData("arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-opus-5")]
    [InlineData("anthropic.claude-opus-5 ")]
    [InlineData("meta.llama3-70b-instruct-v1:0")]
    public void TryParse_GarbageAndLookalikes_AreRefused(string? name) =>
        Assert.False(ModelRules.TryParse(name, out _));

    [Theory]
    [InlineData("claude-opus-4-6[1m]", "claude-opus-4-6", true)]
    [InlineData("claude-sonnet-4-5[1M]", "claude-sonnet-4-5", true)]
    [InlineData("claude-sonnet-4-5", "claude-sonnet-4-5", false)]
    public void StripOneMillionContext_RemovesTheSuffix(string name, string stripped, bool flagged)
    {
        Assert.Equal(stripped, ModelRules.StripOneMillionContext(name, out var oneMillion));
        Assert.Equal(flagged, oneMillion);
    }

    [Theory]
    [InlineData("claude-opus-6", "anthropic.claude-opus-6", "claude-opus-6", null)]
    [InlineData("us.anthropic.claude-opus-6", "anthropic.claude-opus-6", "claude-opus-6", "us")]
    [InlineData("claude-sonnet-4-5-20250929", "anthropic.claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5", null)]
    [InlineData("claude-opus-4-6[1m]", "anthropic.claude-opus-4-6-v1", "claude-opus-4-6", null)]
    public void Catalogue_ResolvesNewNamesByRuleAndKnownOnesFromTheTable(string name, string id, string family, string? geography)
    {
        Assert.True(ModelCatalog.TryResolve(name, out var resolved));

        Assert.Equal((id, family, geography, BodyDialect.Messages), (resolved.Model.Id, resolved.Family, resolved.Geography, resolved.Model.Dialect));
        Assert.Equal(name.EndsWith("[1m]", StringComparison.Ordinal), resolved.OneMillionContext);
        Assert.Equal(family == "claude-opus-6", resolved.FromRules);
    }

    [Fact]
    public void Catalogue_TableFamiliesAndDialectsAgreeWithTheRules()
    {
        foreach (var model in ModelCatalog.Models.Where(m => m.Dialect == BodyDialect.Messages))
        {
            Assert.True(ModelRules.TryParse(model.Id, out var parts), model.Id);
            Assert.Equal(model.Family, parts.Family);
            Assert.Contains(parts.AnthropicName, model.AnthropicNames);
        }
    }
}
