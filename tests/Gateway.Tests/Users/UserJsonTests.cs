using System.Text.Json;
using OrleansProxy.Gateway.Users;
using OrleansProxy.Usage;
using OrleansProxy.Users;

namespace OrleansProxy.Gateway.Users.Tests;

public class UserJsonTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 10, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Write_FullView_HasEveryFieldInCamelCase()
    {
        var spec = new UserSpec("Ada", new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), ["claude-sonnet-4-5"],
            new UserLimits(MaxConcurrent: 2, TokensPerMinute: 5000),
            [new TokenQuota("*", UsagePeriod.Day, 1000)], [new UsdBudget(UsagePeriod.Month, 12.5m)]);
        var counters = new UsageCounters(3, new TokenUsage(10, 20, 30, 40, 50), 0.25m);
        var view = new UserView("usr_0123456789abcdef", spec, Now, true, "left", null, 1, 4, 600,
            [new PeriodUsage(UsagePeriod.Day, new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero), new Dictionary<string, UsageCounters> { ["claude-sonnet-4-5"] = counters }),
             new PeriodUsage(UsagePeriod.Total, null, null, new Dictionary<string, UsageCounters>())],
            [new QuotaStatus(spec.Quotas[0], 1500, new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero))],
            [new BudgetStatus(spec.Budgets[0], 0.25m, new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero))]);

        using var json = JsonDocument.Parse(UserJson.ToUtf8(view));
        var root = json.RootElement;

        Assert.Equal("usr_0123456789abcdef", root.GetProperty("id").GetString());
        Assert.Equal("Ada", root.GetProperty("name").GetString());
        Assert.Equal("2026-12-04T10:30:00Z", root.GetProperty("created").GetString());
        Assert.Equal("2027-01-01T00:00:00Z", root.GetProperty("expiresAt").GetString());
        Assert.True(root.GetProperty("disabled").GetBoolean());
        Assert.Equal("left", root.GetProperty("disabledReason").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("tokenRotated").ValueKind);
        Assert.Equal("claude-sonnet-4-5", Assert.Single(root.GetProperty("allowedFamilies").EnumerateArray()).GetString());
        var limits = root.GetProperty("limits");
        Assert.Equal(2, limits.GetProperty("maxConcurrent").GetInt32());
        Assert.Equal(JsonValueKind.Null, limits.GetProperty("requestsPerMinute").ValueKind);
        Assert.Equal(5000, limits.GetProperty("tokensPerMinute").GetInt64());
        var quota = Assert.Single(root.GetProperty("quotas").EnumerateArray());
        Assert.Equal("*", quota.GetProperty("family").GetString());
        Assert.Equal("day", quota.GetProperty("period").GetString());
        Assert.Equal(1000, quota.GetProperty("tokens").GetInt64());
        Assert.Equal(1500, quota.GetProperty("used").GetInt64());
        Assert.Equal(0, quota.GetProperty("left").GetInt64());
        Assert.Equal("2026-12-05T00:00:00Z", quota.GetProperty("resetsAt").GetString());
        var budget = Assert.Single(root.GetProperty("budgets").EnumerateArray());
        Assert.Equal("month", budget.GetProperty("period").GetString());
        Assert.Equal(12.5m, budget.GetProperty("usd").GetDecimal());
        Assert.Equal(0.25m, budget.GetProperty("spentUsd").GetDecimal());
        Assert.Equal(12.25m, budget.GetProperty("leftUsd").GetDecimal());
        Assert.Equal(1, root.GetProperty("inFlight").GetInt32());
        Assert.Equal(4, root.GetProperty("requestsLastMinute").GetInt32());
        Assert.Equal(600, root.GetProperty("tokensLastMinute").GetInt64());
        var day = root.GetProperty("usage").GetProperty("day");
        Assert.Equal("2026-12-04T00:00:00Z", day.GetProperty("start").GetString());
        Assert.Equal("2026-12-05T00:00:00Z", day.GetProperty("resetsAt").GetString());
        var family = day.GetProperty("families").GetProperty("claude-sonnet-4-5");
        Assert.Equal(3, family.GetProperty("requests").GetInt64());
        Assert.Equal(10, family.GetProperty("inputTokens").GetInt64());
        Assert.Equal(20, family.GetProperty("outputTokens").GetInt64());
        Assert.Equal(30, family.GetProperty("cacheReadInputTokens").GetInt64());
        Assert.Equal(40, family.GetProperty("cacheWrite5mInputTokens").GetInt64());
        Assert.Equal(50, family.GetProperty("cacheWrite1hInputTokens").GetInt64());
        Assert.Equal(0.25m, family.GetProperty("costUsd").GetDecimal());
        var total = root.GetProperty("usage").GetProperty("total");
        Assert.Equal(JsonValueKind.Null, total.GetProperty("start").ValueKind);
        Assert.Empty(total.GetProperty("families").EnumerateObject());
    }

    [Fact]
    public void FormatTime_Fractions_KeptOnlyWhenPresent()
    {
        Assert.Equal("2026-12-04T10:30:00.5Z", UserJson.FormatTime(Now.AddMilliseconds(500)));
        Assert.Equal("2026-12-04T09:30:00Z", UserJson.FormatTime(Now.ToOffset(TimeSpan.FromHours(-1)).AddHours(-1)));
    }
}
