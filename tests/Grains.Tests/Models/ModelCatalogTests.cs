using OrleansProxy.Models;

namespace OrleansProxy.Models.Tests;

public sealed class ModelCatalogTests
{
    [Theory]
    [InlineData("anthropic.claude-v2", "anthropic.claude-v2", "claude-v2", true)]
    [InlineData("anthropic.claude-v2:1", "anthropic.claude-v2:1", "claude-v2", true)]
    [InlineData("claude-2.1", "anthropic.claude-v2:1", "claude-v2", true)]
    [InlineData("anthropic.claude-instant-v1", "anthropic.claude-instant-v1", "claude-instant", true)]
    [InlineData("claude-instant-1.2", "anthropic.claude-instant-v1", "claude-instant", true)]
    [InlineData("claude-3-5-sonnet-20240620", "anthropic.claude-3-5-sonnet-20240620-v1:0", "claude-3-5-sonnet", false)]
    [InlineData("claude-3-5-sonnet-latest", "anthropic.claude-3-5-sonnet-20241022-v2:0", "claude-3-5-sonnet", false)]
    [InlineData("anthropic.claude-3-haiku-20240307-v1:0", "anthropic.claude-3-haiku-20240307-v1:0", "claude-3-haiku", false)]
    [InlineData("claude-sonnet-4-5", "anthropic.claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5", false)]
    public void TryResolve_KnownNames_MapToBedrockIds(string name, string id, string family, bool textCompletions)
    {
        Assert.True(ModelCatalog.TryResolve(name, out var resolved));
        Assert.Equal(id, resolved.Model.Id);
        Assert.Equal(family, resolved.Family);
        Assert.Equal(textCompletions, resolved.Model.AcceptsTextCompletions);
        Assert.Null(resolved.Geography);
    }

    [Theory]
    [InlineData("us.anthropic.claude-3-5-sonnet-20240620-v1:0", "us")]
    [InlineData("eu.anthropic.claude-3-haiku-20240307-v1:0", "eu")]
    [InlineData("apac.anthropic.claude-3-5-sonnet-20241022-v2:0", "apac")]
    [InlineData("global.anthropic.claude-sonnet-4-5-20250929-v1:0", "global")]
    [InlineData("jp.anthropic.claude-haiku-4-5-20251001-v1:0", "jp")]
    public void TryResolve_CrossRegionProfiles_KeepTheirGeography(string name, string geography)
    {
        Assert.True(ModelCatalog.TryResolve(name, out var resolved));
        Assert.Equal(geography, resolved.Geography);
        Assert.Equal(name, resolved.UpstreamModelId("us-east-1"));
    }

    [Theory]
    [InlineData("claude-opus-5-5", "us-east-1", "us.anthropic.claude-opus-5-5")]
    [InlineData("claude-opus-4-7", "us-west-2", "us.anthropic.claude-opus-4-7")]
    [InlineData("claude-haiku-5-5", "eu-west-1", "global.anthropic.claude-haiku-5-5")]
    [InlineData("anthropic.claude-mythos-5", "us-east-1", "us.anthropic.claude-mythos-5")]
    public void TryResolve_ClaudeCodeModels_RouteThroughProfiles(string name, string region, string upstream)
    {
        Assert.True(ModelCatalog.TryResolve(name, out var resolved));
        Assert.Equal(upstream, resolved.UpstreamModelId(region));
        Assert.True(ModelCatalog.RegionCanServe(resolved, region));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("gpt-4")]
    [InlineData("anthropic.claude-v3")]
    [InlineData("us.claude-2.1")]
    [InlineData("jp.anthropic.claude-3-opus-20240229-v1:0")]
    [InlineData("../../logging/modelinvocations")]
    [InlineData("anthropic.claude-v2:1/invoke?x=")]
    [InlineData("ANTHROPIC.CLAUDE-V2")]
    public void TryResolve_UnknownOrMalformed_IsRefused(string? name) =>
        Assert.False(ModelCatalog.TryResolve(name, out _));

    [Theory]
    [InlineData("us-east-1", "us.anthropic.claude-sonnet-4-20250514-v1:0")]
    [InlineData("eu-central-1", "eu.anthropic.claude-sonnet-4-20250514-v1:0")]
    [InlineData("ap-northeast-1", "apac.anthropic.claude-sonnet-4-20250514-v1:0")]
    [InlineData("sa-east-1", "global.anthropic.claude-sonnet-4-20250514-v1:0")]
    public void UpstreamModelId_ProfileOnlyModel_UsesTheRegionsNarrowestProfile(string region, string expected)
    {
        Assert.True(ModelCatalog.TryResolve("claude-sonnet-4-20250514", out var resolved));

        Assert.Equal(expected, resolved.UpstreamModelId(region));
    }

    [Fact]
    public void UpstreamModelId_JapanRegion_PrefersTheJapanProfile()
    {
        Assert.True(ModelCatalog.TryResolve("claude-haiku-4-5", out var resolved));

        Assert.Equal("jp.anthropic.claude-haiku-4-5-20251001-v1:0", resolved.UpstreamModelId("ap-northeast-1"));
    }

    [Fact]
    public void Catalogue_HasEverySeedModelAndNoDuplicateNames()
    {
        foreach (var id in new[] { "anthropic.claude-v1", "anthropic.claude-v2", "anthropic.claude-v2:1", "anthropic.claude-instant-v1" })
        {
            Assert.True(ModelCatalog.TryResolve(id, out _), id);
        }

        var names = ModelCatalog.Models.SelectMany(m => m.AnthropicNames.Append(m.Id)).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.True(ModelCatalog.Models.Single(m => m.Id == "anthropic.claude-v1").IsRetired);
        Assert.DoesNotContain("claude-v1", ModelCatalog.Families);
    }
}
