using OrleansProxy.Credentials;
using OrleansProxy.Gateway.Info;
using OrleansProxy.Pool;
using OrleansProxy.Usage;

namespace OrleansProxy.Gateway.Info.Tests;

public sealed class InfoReportTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Midnight = new(2026, 12, 5, 0, 0, 0, TimeSpan.Zero);

    private static PoolSnapshot Pool(params FamilyPoolStats[] families) =>
        new(Now, 2, new Dictionary<CredentialStatus, int> { [CredentialStatus.Active] = 2 }, families, 0, false, 0);

    private static FamilyPoolStats Stats(string family, FamilyUsage usage, int daily = 0) =>
        new(family, 2 - daily, daily, 0, 0, 0, 0, 0, 0, 0, usage, daily, daily > 0 ? Midnight : null);

    private static InfoReport Build(PoolSnapshot pool, PriceTable prices) =>
        InfoReport.Build(pool, new InfoEndpointUrls("a", "b"), TimeSpan.Zero, "standalone", openProxy: false, 0, TimeSpan.Zero, prices);

    [Fact]
    public void Build_PricesEachFamily_AndTotalsPricedOnes()
    {
        var opus = new FamilyUsage(3, 1_000_000, 100_000, 0, 0, CacheReadTokens: 2_000_000, CacheWrite5mTokens: 400_000, CacheWrite1hTokens: 100_000);
        var unpriced = new FamilyUsage(1, 10, 10, 0, 0);
        var prices = PriceTable.Parse("claude-opus-4-5=5/25", out _);

        var report = Build(Pool(Stats("claude-opus-4-5", opus), Stats("claude-nova-9", unpriced)), prices);

        // 1M × $5 + 0.1M × $25 + 2M × $0.50 + 0.4M × $6.25 + 0.1M × $10
        var expected = 5m + 2.5m + 1m + 2.5m + 1m;
        var opusCost = report.Costs.Single(c => c.Family == "claude-opus-4-5");
        Assert.Equal(expected, opusCost.EstimatedCostUsd);
        Assert.Equal(500_000, opusCost.CacheWriteTokens);
        Assert.Equal(Math.Round(2_000_000.0 / 3_500_000, 4), opusCost.CacheHitRatio);
        Assert.Null(report.Costs.Single(c => c.Family == "claude-nova-9").EstimatedCostUsd);
        Assert.Equal(expected, report.EstimatedCostUsd);
        Assert.Equal(["claude-nova-9"], report.UnpricedFamilies);
        Assert.Empty(report.Warnings);
    }

    [Fact]
    public void Build_DailyQuotaSpent_WarnsWithTheResetTime()
    {
        var report = Build(Pool(Stats("claude-sonnet-4-5", FamilyUsage.Zero, daily: 1)), PriceTable.Default);

        var warning = Assert.Single(report.Warnings);
        Assert.Equal("claude-sonnet-4-5: 1 credential(s) spent their AWS account's daily token quota; the first is usable again at 2026-12-05 00:00:00Z.", warning);
        Assert.Contains("1 daily quota spent, resets 2026-12-05 00:00:00Z", InfoPage.Render(report), StringComparison.Ordinal);
    }
}
