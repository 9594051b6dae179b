namespace OrleansProxy.Usage.Tests;

public sealed class PriceTableTests
{
    [Theory]
    [InlineData("claude-opus-4-5", 5, 25, 6.25, 10, 0.5)]
    [InlineData("claude-opus-4-1", 15, 75, 18.75, 30, 1.5)]
    [InlineData("claude-sonnet-4-5", 3, 15, 3.75, 6, 0.3)]
    [InlineData("claude-haiku-4-5", 1, 5, 1.25, 2, 0.1)]
    [InlineData("claude-3-5-haiku", 0.8, 4, 1, 1.6, 0.08)]
    [InlineData("claude-3-haiku", 0.25, 1.25, 0.3, 0.5, 0.03)]
    [InlineData("claude-opus-5-5", 4, 20, 5, 8, 0.2)]
    public void Default_KnownFamily_HasAnthropicListPrice(string family, double input, double output, double write5m, double write1h, double read)
    {
        Assert.True(PriceTable.Default.TryGet(family, out var price));

        Assert.Equal(new ModelPrice((decimal)input, (decimal)output, (decimal)write5m, (decimal)write1h, (decimal)read), price);
    }

    [Fact]
    public void Default_PricesEveryCatalogueFamily()
    {
        var unpriced = Models.ModelCatalog.Families.Where(f => !PriceTable.Default.TryGet(f, out _)).ToArray();

        Assert.Empty(unpriced);
    }

    [Fact]
    public void Cost_MixedUsage_AddsEveryKindAtItsRate()
    {
        var usage = new TokenUsage(Input: 1_000_000, Output: 200_000, CacheRead: 10_000_000, CacheWrite5m: 400_000, CacheWrite1h: 100_000);

        // Opus 4.5: 1M × $5 + 0.2M × $25 + 10M × $0.50 + 0.4M × $6.25 + 0.1M × $10
        Assert.Equal(5m + 5m + 5m + 2.5m + 1m, PriceTable.Default.Cost("claude-opus-4-5", usage));
    }

    [Fact]
    public void Cost_UnpricedFamily_IsNull()
    {
        Assert.Null(PriceTable.Default.Cost("claude-opus-9", new TokenUsage(1000, 1000)));
    }

    [Fact]
    public void FromBase_DerivesCacheRatesByAnthropicMultipliers()
    {
        Assert.Equal(new ModelPrice(4m, 20m, 5m, 8m, 0.4m), ModelPrice.FromBase(4m, 20m));
    }

    [Fact]
    public void Parse_Overrides_ReplaceAndAddFamiliesByNameOrId()
    {
        var table = PriceTable.Parse(" claude-opus-4-5 = 4/20 , us.anthropic.claude-opus-9 = 1/2/3/4/0.5 ", out var problems);

        Assert.Empty(problems);
        Assert.True(table.TryGet("claude-opus-4-5", out var opus45));
        Assert.Equal(ModelPrice.FromBase(4m, 20m), opus45);
        Assert.True(table.TryGet("claude-opus-9", out var opus9));
        Assert.Equal(new ModelPrice(1m, 2m, 3m, 4m, 0.5m), opus9);
        Assert.True(table.TryGet("claude-sonnet-4-5", out var untouched));
        Assert.Equal(new ModelPrice(3m, 15m, 3.75m, 6m, 0.3m), untouched);
        Assert.True(PriceTable.Default.TryGet("claude-opus-4-5", out var original));
        Assert.Equal(5m, original.Input);
    }

    [Fact]
    public void Parse_BadItems_ReportsEveryProblemAndKeepsDefaults()
    {
        var table = PriceTable.Parse("gpt-4o=1/2,claude-opus-4-5,claude-sonnet-4-5=-1/2,claude-haiku-4-5=1/2/3,claude-opus-5=1/x,claude-opus-5-5=1/2,claude-opus-5-5=3/4", out var problems);

        Assert.Same(PriceTable.Default, table);
        Assert.Equal(
        [
            "PRICES: 'gpt-4o' is not a Claude model family, name or id.",
            "PRICES: 'claude-opus-4-5' is not family=input/output[/cacheWrite5m/cacheWrite1h/cacheRead].",
            "PRICES: the price of 'claude-sonnet-4-5' ('-1/2') must be 2 or 5 non-negative numbers separated by '/' (USD per million tokens: input/output or input/output/cacheWrite5m/cacheWrite1h/cacheRead).",
            "PRICES: the price of 'claude-haiku-4-5' ('1/2/3') must be 2 or 5 non-negative numbers separated by '/' (USD per million tokens: input/output or input/output/cacheWrite5m/cacheWrite1h/cacheRead).",
            "PRICES: the price of 'claude-opus-5' ('1/x') must be 2 or 5 non-negative numbers separated by '/' (USD per million tokens: input/output or input/output/cacheWrite5m/cacheWrite1h/cacheRead).",
            "PRICES: family 'claude-opus-5-5' is priced twice.",
        ], problems);
    }

    [Fact]
    public void Parse_Empty_IsDefault()
    {
        Assert.Same(PriceTable.Default, PriceTable.Parse("  ", out var problems));
        Assert.Empty(problems);
    }
}
