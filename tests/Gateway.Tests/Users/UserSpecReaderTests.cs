using System.Text.Json;
using OrleansProxy.Gateway.Users;
using OrleansProxy.Users;

namespace OrleansProxy.Gateway.Users.Tests;

public class UserSpecReaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 10, 30, 0, TimeSpan.Zero);

    private static (UserSpec? Spec, IReadOnlyList<string> Problems) Read(string json, UserSpec? current = null)
    {
        using var document = JsonDocument.Parse(json);
        return UserSpecReader.Read(document.RootElement, current, Now);
    }

    [Fact]
    public void Read_FullCreateBody_BuildsSpec()
    {
        var (spec, problems) = Read("""
            {"name":" Ada ","expiresAt":"2027-01-01T00:00:00Z","allowedFamilies":["claude-sonnet-4-5","claude-sonnet-4-5"],
             "limits":{"maxConcurrent":2,"requestsPerMinute":60,"tokensPerMinute":100000},
             "quotas":[{"family":"*","period":"day","tokens":1000},{"family":"claude-sonnet-4-5","period":"month","tokens":5}],
             "budgets":[{"period":"week","usd":12.5}]}
            """);

        Assert.Empty(problems);
        Assert.NotNull(spec);
        Assert.Equal("Ada", spec.Name);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), spec.ExpiresAt);
        Assert.Equal(["claude-sonnet-4-5"], spec.AllowedFamilies);
        Assert.Equal(new UserLimits(2, 60, 100000), spec.Limits);
        Assert.Equal([new TokenQuota("*", UsagePeriod.Day, 1000), new TokenQuota("claude-sonnet-4-5", UsagePeriod.Month, 5)], spec.Quotas);
        Assert.Equal([new UsdBudget(UsagePeriod.Week, 12.5m)], spec.Budgets);
    }

    [Fact]
    public void Read_NameOnly_NoLimits()
    {
        var (spec, problems) = Read("""{"name":"Bob"}""");

        Assert.Empty(problems);
        Assert.Equal(new UserSpec("Bob", null, null, UserLimits.None, [], []) with { Quotas = spec!.Quotas, Budgets = spec.Budgets }, spec);
        Assert.Empty(spec.Quotas);
        Assert.Empty(spec.Budgets);
    }

    [Fact]
    public void Read_EveryProblem_ReportedAtOnce()
    {
        var (spec, problems) = Read("""
            {"nom":1,"expiresAt":"2020-01-01T00:00:00Z","allowedFamilies":["gpt-4", "anthropic.claude-sonnet-4-5-20250929-v1:0"],
             "limits":{"maxConcurrent":0,"requestsPerMinute":1.5,"tokensPerMinute":"9","burst":1},
             "quotas":[{"family":"*","period":"year","tokens":0},{"family":"nope","period":"day","tokens":5}, 3],
             "budgets":[{"period":"day","usd":0},{"period":"day","usd":1},{"period":"day","usd":2}]}
            """);

        Assert.Null(spec);
        Assert.Equal(
        [
            "'nom' is not a user field (expected one of name, expiresAt, allowedFamilies, limits, quotas, budgets).",
            "name is required.",
            "expiresAt (2020-01-01T00:00:00Z) must be in the future.",
            "allowedFamilies[0] 'gpt-4' is not a known model family (GET /admin/api/summary lists the families).",
            "allowedFamilies[1] 'anthropic.claude-sonnet-4-5-20250929-v1:0' is not a known model family ('anthropic.claude-sonnet-4-5-20250929-v1:0' is a model of family claude-sonnet-4-5).",
            "limits.burst is not a limit (expected maxConcurrent, requestsPerMinute, tokensPerMinute).",
            "limits.maxConcurrent must be a whole number from 1 to 2147483647, or null for no limit.",
            "limits.requestsPerMinute must be a whole number from 1 to 2147483647, or null for no limit.",
            "limits.tokensPerMinute must be a whole number from 1 to 9223372036854775807, or null for no limit.",
            "quotas[0].period must be day, week, month or total.",
            "quotas[0].tokens must be a whole number above 0.",
            "quotas[1].family must be \"*\" or a known model family (GET /admin/api/summary lists the families).",
            "quotas[2] must be an object {\"family\",\"period\",\"tokens\"}.",
            "budgets[0].usd must be a number above 0.",
            "budgets[2] repeats the budget per day.",
        ], problems);
    }

    [Fact]
    public void Read_MergePatch_AbsentKeepsNullClears()
    {
        var current = new UserSpec("Ada", Now.AddDays(1), ["claude-sonnet-4-5"], new UserLimits(2, 60, 1000),
            [new TokenQuota("*", UsagePeriod.Day, 1000)], [new UsdBudget(UsagePeriod.Month, 5m)]);

        var (spec, problems) = Read("""{"expiresAt":null,"limits":{"requestsPerMinute":null,"tokensPerMinute":2000},"quotas":null}""", current);

        Assert.Empty(problems);
        Assert.Equal("Ada", spec!.Name);
        Assert.Null(spec.ExpiresAt);
        Assert.Equal(["claude-sonnet-4-5"], spec.AllowedFamilies);
        Assert.Equal(new UserLimits(2, null, 2000), spec.Limits);
        Assert.Empty(spec.Quotas);
        Assert.Equal(current.Budgets, spec.Budgets);
    }

    [Fact]
    public void Read_PatchNullName_Refused()
    {
        var current = new UserSpec("Ada", null, null, UserLimits.None, [], []);

        var (spec, problems) = Read("""{"name":null,"limits":null}""", current);

        Assert.Null(spec);
        Assert.Equal(["name must be a string of 1 to 200 characters."], problems);
    }

    [Fact]
    public void Read_NotAnObject_Refused()
    {
        Assert.Equal(["The body must be a JSON object."], Read("[1]").Problems);
    }
}
