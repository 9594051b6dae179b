using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.Tests.Translation;

public sealed class ModelGenerationsTests
{
    [Theory]
    [InlineData("claude-3-5-sonnet")]
    [InlineData("claude-opus-5-5")]
    [InlineData("claude-v2")]
    [InlineData("claude-instant")]
    public void Get_AnswersWhatTheParserSays_AndCachesTheFamily(string family)
    {
        var generations = new ModelGenerations(8);

        Assert.Equal(BetaPolicy.Generation(family), generations.Get(family));
        Assert.True(generations.IsCached(family));
        Assert.Equal(BetaPolicy.Generation(family), generations.Get(family));
        Assert.Equal(1, generations.Count);
    }

    [Fact]
    public void Get_MadeUpFamiliesBeyondTheCapacity_AreParsedEachTime_AndNeverCached()
    {
        var generations = new ModelGenerations(4);

        var answers = Enumerable.Range(0, 100).Select(i => generations.Get($"claude-opus-{i}-{i % 10}")).ToList();

        Assert.Equal(4, generations.Count);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => BetaPolicy.Generation($"claude-opus-{i}-{i % 10}")), answers);
        Assert.False(generations.IsCached("claude-opus-99-9"));
    }

    [Fact]
    public void TranslatingARequest_CachesItsFamilyInTheSharedCache()
    {
        var body = """{"model":"claude-haiku-4-5","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}"""u8.ToArray();

        var parsed = RequestTranslator.Parse(ClientDialect.AnthropicMessages, body, "effort-2025-11-24", TranslationOptions.Default);

        Assert.NotNull(parsed.Request);
        Assert.True(ModelGenerations.Shared.IsCached(parsed.Request.Model.Family));
    }
}
