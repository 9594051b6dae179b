using OrleansProxy.Credentials;
using OrleansProxy.Models;

namespace OrleansProxy.Pool.Tests;

public sealed class CredentialSelectorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] NoExclusions = [];

    // Three idle, healthy credentials c-…1, c-…2 and c-…3, added in that order.
    private static CredentialSelector ThreeCredentials()
    {
        var selector = new CredentialSelector();
        foreach (var id in new[] { "c-000000000001", "c-000000000002", "c-000000000003" })
        {
            selector.Upsert(Summaries.Active(id), Now);
        }

        return selector;
    }

    private static ResolvedModel Model(string name) =>
        ModelCatalog.TryResolve(name, out var model) ? model : throw new ArgumentException(name);

    [Fact]
    public void Select_NoCredentials_SaysNoneConfigured()
    {
        var selection = new CredentialSelector().Select(Model("claude-3-haiku-20240307"), NoExclusions, Now);

        Assert.Null(selection.Entry);
        Assert.Equal(NoCredentialReason.NoneConfigured, selection.Reason);
    }

    [Fact]
    public void Select_SpreadsLeasesAcrossHealthyCredentials_FewestInFlightThenLeastRecentlyUsed()
    {
        var selector = ThreeCredentials();

        var picks = Enumerable.Range(0, 6)
            .Select(i => selector.Select(Model("claude-3-haiku-20240307"), NoExclusions, Now.AddMilliseconds(i)).Entry!.Id)
            .ToList();

        Assert.Equal(["c-000000000001", "c-000000000002", "c-000000000003", "c-000000000001", "c-000000000002", "c-000000000003"], picks);
        Assert.All(selector.Entries, e => Assert.Equal(2, e.InFlight));
    }

    [Fact]
    public void Select_AfterRelease_PrefersTheCredentialWithFewestInFlight()
    {
        var selector = new CredentialSelector();
        selector.Upsert(Summaries.Active("c-000000000001"), Now);
        selector.Upsert(Summaries.Active("c-000000000002"), Now);
        var haiku = Model("claude-3-haiku-20240307");
        selector.Select(haiku, NoExclusions, Now);               // 1 -> 1 in flight
        selector.Select(haiku, NoExclusions, Now.AddSeconds(1)); // 2 -> 1 in flight
        selector.Select(haiku, NoExclusions, Now.AddSeconds(2)); // 1 -> 2 in flight

        selector.Released("c-000000000001");
        selector.Released("c-000000000001");

        Assert.Equal("c-000000000001", selector.Select(haiku, NoExclusions, Now.AddSeconds(3)).Entry!.Id);
    }

    [Fact]
    public void Select_ThrottledCredential_IsSkippedUntilItsLockoutEnds()
    {
        var selector = new CredentialSelector();
        var lockedUntil = new Dictionary<string, DateTimeOffset> { ["claude-3-haiku"] = Now.AddSeconds(30) };
        selector.Upsert(Summaries.Active("c-000000000001", lockedUntil: lockedUntil), Now);
        selector.Upsert(Summaries.Active("c-000000000002"), Now);
        var haiku = Model("claude-3-haiku-20240307");

        Assert.Equal("c-000000000002", selector.Select(haiku, NoExclusions, Now).Entry!.Id);
        Assert.Equal("c-000000000002", selector.Select(haiku, NoExclusions, Now.AddSeconds(29)).Entry!.Id);
        // Lockout over: the idle credential wins over the one with two leases.
        Assert.Equal("c-000000000001", selector.Select(haiku, NoExclusions, Now.AddSeconds(30)).Entry!.Id);
    }

    [Fact]
    public void Select_LockoutIsPerFamily()
    {
        var selector = new CredentialSelector();
        var lockedUntil = new Dictionary<string, DateTimeOffset> { ["claude-3-haiku"] = Now.AddSeconds(30) };
        selector.Upsert(Summaries.Active("c-000000000001", lockedUntil: lockedUntil), Now);

        Assert.Null(selector.Select(Model("claude-3-haiku-20240307"), NoExclusions, Now).Entry);
        Assert.Equal("c-000000000001", selector.Select(Model("claude-2.1"), NoExclusions, Now).Entry!.Id);
    }

    [Fact]
    public void Select_AllThrottled_SaysAllThrottledWithTheSoonestLockoutEnd()
    {
        var selector = new CredentialSelector();
        selector.Upsert(Summaries.Active("c-000000000001", lockedUntil: new Dictionary<string, DateTimeOffset> { ["claude-3-haiku"] = Now.AddSeconds(30) }), Now);
        selector.Upsert(Summaries.Active("c-000000000002", lockedUntil: new Dictionary<string, DateTimeOffset> { ["claude-3-haiku"] = Now.AddSeconds(12) }), Now);

        var selection = selector.Select(Model("claude-3-haiku-20240307"), NoExclusions, Now);

        Assert.Equal(NoCredentialReason.AllThrottled, selection.Reason);
        Assert.Equal(TimeSpan.FromSeconds(12), selection.RetryAfter);
    }

    [Fact]
    public void Select_NewerSummaryWithLongerLockout_Wins_StaleOneIsIgnored()
    {
        var selector = new CredentialSelector();
        var first = Summaries.Active("c-000000000001", lockedUntil: new Dictionary<string, DateTimeOffset> { ["claude-3-haiku"] = Now.AddSeconds(5) });
        var second = first.With(s => s with { LockedUntil = new Dictionary<string, DateTimeOffset> { ["claude-3-haiku"] = Now.AddSeconds(60) } });
        selector.Upsert(first, Now);
        selector.Upsert(second, Now);

        Assert.False(selector.Upsert(first, Now));
        Assert.Null(selector.Select(Model("claude-3-haiku-20240307"), NoExclusions, Now.AddSeconds(10)).Entry);
        Assert.NotNull(selector.Select(Model("claude-3-haiku-20240307"), NoExclusions, Now.AddSeconds(60)).Entry);
    }

    [Fact]
    public void Select_ExcludedCredentials_AreSkipped()
    {
        var selector = new CredentialSelector();
        selector.Upsert(Summaries.Active("c-000000000001"), Now);
        selector.Upsert(Summaries.Active("c-000000000002"), Now);

        var selection = selector.Select(Model("claude-3-haiku-20240307"), ["c-000000000001"], Now);

        Assert.Equal("c-000000000002", selection.Entry!.Id);
    }

    [Fact]
    public void Select_CrossRegionProfile_NeedsACredentialInThatGeography()
    {
        var selector = new CredentialSelector();
        selector.Upsert(Summaries.Active("c-00000000e001", region: "eu-west-1"), Now);
        selector.Upsert(Summaries.Active("c-00000000u001", region: "us-west-2"), Now);

        Assert.Equal("c-00000000u001", selector.Select(Model("us.anthropic.claude-3-haiku-20240307-v1:0"), NoExclusions, Now).Entry!.Id);
        Assert.Equal("c-00000000e001", selector.Select(Model("eu.anthropic.claude-3-haiku-20240307-v1:0"), NoExclusions, Now).Entry!.Id);
        Assert.Equal(NoCredentialReason.NoneWithAccess,
            selector.Select(Model("apac.anthropic.claude-3-haiku-20240307-v1:0"), NoExclusions, Now).Reason);
    }

    [Fact]
    public void Select_ProfileOnlyModel_SkipsRegionsWithoutAProfile()
    {
        var selector = new CredentialSelector();
        selector.Upsert(Summaries.Active("c-00000000s001", region: "sa-east-1", families: "claude-opus-4"), Now);

        Assert.Equal(NoCredentialReason.NoneWithAccess, selector.Select(Model("claude-opus-4-20250514"), NoExclusions, Now).Reason);

        selector.Upsert(Summaries.Active("c-00000000u001", region: "us-east-2", families: "claude-opus-4"), Now);
        Assert.Equal("c-00000000u001", selector.Select(Model("claude-opus-4-20250514"), NoExclusions, Now).Entry!.Id);
    }

    [Theory]
    [InlineData(CredentialStatus.LoggingEnabled, NoCredentialReason.AllLogged)]
    [InlineData(CredentialStatus.LoggingUnknown, NoCredentialReason.AllLogged)]
    [InlineData(CredentialStatus.Revoked, NoCredentialReason.AllRevoked)]
    [InlineData(CredentialStatus.Unchecked, NoCredentialReason.StillChecking)]
    [InlineData(CredentialStatus.NoAccess, NoCredentialReason.NoneWithAccess)]
    public void Select_NoUsableCredential_ExplainsWhy(CredentialStatus status, NoCredentialReason reason)
    {
        var selector = new CredentialSelector();
        selector.Upsert(Summaries.Active("c-000000000001", status: status, usable: false), Now);
        selector.Upsert(Summaries.Active("c-000000000002", status: status, usable: false), Now);

        var selection = selector.Select(Model("claude-3-haiku-20240307"), NoExclusions, Now);

        Assert.Null(selection.Entry);
        Assert.Equal(reason, selection.Reason);
    }

    [Fact]
    public void Select_AllDisabled_SaysAllDisabled()
    {
        var selector = new CredentialSelector();
        selector.Upsert(Summaries.Active("c-000000000001", usable: false, disabled: true), Now);

        Assert.Equal(NoCredentialReason.AllDisabled, selector.Select(Model("claude-3-haiku-20240307"), NoExclusions, Now).Reason);
    }

    [Fact]
    public void Upsert_CredentialBecomesUnusable_LeavesSelectionAtOnce()
    {
        var selector = new CredentialSelector();
        var summary = Summaries.Active("c-000000000001");
        selector.Upsert(summary, Now);

        selector.Upsert(summary.With(s => s with { Status = CredentialStatus.Revoked, Usable = false }), Now);

        Assert.Equal(NoCredentialReason.AllRevoked, selector.Select(Model("claude-3-haiku-20240307"), NoExclusions, Now).Reason);
    }

    [Fact]
    public void Remove_RetiredCredential_IsNeverSelected()
    {
        var selector = new CredentialSelector();
        selector.Upsert(Summaries.Active("c-000000000001"), Now);

        Assert.True(selector.Remove("c-000000000001", Now));

        Assert.Equal(NoCredentialReason.NoneConfigured, selector.Select(Model("claude-3-haiku-20240307"), NoExclusions, Now).Reason);
    }

    [Fact]
    public void Select_ThrottleOnOneKeyOfAnAccount_LocksOutItsOtherKeysInThatRegionOnly()
    {
        var selector = new CredentialSelector();
        selector.Upsert(Summaries.Active("c-000000000001", quotaGroup: "acct-a", lockedUntil: Locked(30)), Now);
        selector.Upsert(Summaries.Active("c-000000000002", quotaGroup: "acct-a"), Now);
        selector.Upsert(Summaries.Active("c-000000000003", quotaGroup: "acct-a", region: "eu-west-1"), Now);
        selector.Upsert(Summaries.Active("c-000000000004", quotaGroup: "acct-b"), Now);
        var haiku = Model("claude-3-haiku-20240307");

        var picks = Enumerable.Range(0, 4).Select(i => selector.Select(haiku, NoExclusions, Now.AddSeconds(i)).Entry!.Id).ToList();

        Assert.Equal(["c-000000000003", "c-000000000004", "c-000000000003", "c-000000000004"], picks);
        // The lockout over, both keys of the account are back (idle ones first).
        Assert.Equal("c-000000000001", selector.Select(haiku, NoExclusions, Now.AddSeconds(30)).Entry!.Id);
        Assert.Equal("c-000000000002", selector.Select(haiku, NoExclusions, Now.AddSeconds(31)).Entry!.Id);
    }

    [Fact]
    public void Select_AccountLockout_FollowsTheThrottledKeysLockout_AsItComesAndGoes()
    {
        var selector = new CredentialSelector();
        var throttled = Summaries.Active("c-000000000001", quotaGroup: "acct-a");
        selector.Upsert(throttled, Now);
        selector.Upsert(Summaries.Active("c-000000000002", quotaGroup: "acct-a"), Now);
        var haiku = Model("claude-3-haiku-20240307");

        selector.Upsert(throttled.With(s => s with { LockedUntil = Locked(60) }), Now);
        var whileLocked = selector.Select(haiku, NoExclusions, Now.AddSeconds(1));
        // A success on the throttled key clears its lockout, and with it the account's.
        selector.Upsert(throttled.With(s => s with { LockedUntil = new Dictionary<string, DateTimeOffset>() }), Now.AddSeconds(2));
        var afterSuccess = selector.Select(haiku, NoExclusions, Now.AddSeconds(2));

        Assert.Equal(NoCredentialReason.AllThrottled, whileLocked.Reason);
        Assert.Equal(TimeSpan.FromSeconds(59), whileLocked.RetryAfter);
        Assert.NotNull(afterSuccess.Entry);
    }

    [Fact]
    public void Select_LongestLockoutInTheAccountWins_ForEveryKeyOfIt()
    {
        var selector = new CredentialSelector();
        selector.Upsert(Summaries.Active("c-000000000001", quotaGroup: "acct-a", lockedUntil: Locked(10)), Now);
        selector.Upsert(Summaries.Active("c-000000000002", quotaGroup: "acct-a", lockedUntil: Locked(40)), Now);
        var haiku = Model("claude-3-haiku-20240307");

        Assert.Null(selector.Select(haiku, NoExclusions, Now.AddSeconds(20)).Entry);
        Assert.Equal(TimeSpan.FromSeconds(20), selector.Select(haiku, NoExclusions, Now.AddSeconds(20)).RetryAfter);
        Assert.NotNull(selector.Select(haiku, NoExclusions, Now.AddSeconds(40)).Entry);
    }

    [Fact]
    public void Select_LongestLockoutCleared_AccountFallsBackToTheNextLongest()
    {
        var selector = new CredentialSelector();
        var longest = Summaries.Active("c-000000000001", quotaGroup: "acct-a", lockedUntil: Locked(60));
        selector.Upsert(longest, Now);
        selector.Upsert(Summaries.Active("c-000000000002", quotaGroup: "acct-a", lockedUntil: Locked(10)), Now);
        selector.Upsert(Summaries.Active("c-000000000003", quotaGroup: "acct-a"), Now);
        var haiku = Model("claude-3-haiku-20240307");

        selector.Upsert(longest.With(s => s with { LockedUntil = new Dictionary<string, DateTimeOffset>() }), Now.AddSeconds(1));

        Assert.Equal(TimeSpan.FromSeconds(9), selector.Select(haiku, NoExclusions, Now.AddSeconds(1)).RetryAfter);
        Assert.NotNull(selector.Select(haiku, NoExclusions, Now.AddSeconds(10)).Entry);
    }

    [Fact]
    public void Remove_ThrottledKey_NoLongerHoldsBackItsAccount()
    {
        var selector = new CredentialSelector();
        selector.Upsert(Summaries.Active("c-000000000001", quotaGroup: "acct-a", lockedUntil: Locked(60)), Now);
        selector.Upsert(Summaries.Active("c-000000000002", quotaGroup: "acct-a"), Now);
        var haiku = Model("claude-3-haiku-20240307");
        Assert.Null(selector.Select(haiku, NoExclusions, Now).Entry);

        selector.Remove("c-000000000001", Now.AddSeconds(1));

        Assert.Equal("c-000000000002", selector.Select(haiku, NoExclusions, Now.AddSeconds(1)).Entry!.Id);
    }

    [Fact]
    public void Statistics_KeyHeldBackByItsAccount_CountsAsThrottled()
    {
        var selector = new CredentialSelector();
        selector.Upsert(Summaries.Active("c-000000000001", quotaGroup: "acct-a", lockedUntil: Locked(60)), Now);
        selector.Upsert(Summaries.Active("c-000000000002", quotaGroup: "acct-a"), Now);
        selector.Upsert(Summaries.Active("c-000000000003", quotaGroup: "acct-b"), Now);

        var haiku = PoolStatistics.Build(selector, new Dictionary<string, int>(), false, Now).Families.Single(f => f.Family == "claude-3-haiku");

        Assert.Equal(2, haiku.Throttled);
        Assert.Equal(1, haiku.Usable);
    }

    private static Dictionary<string, DateTimeOffset> Locked(int seconds) => new() { ["claude-3-haiku"] = Now.AddSeconds(seconds) };

    [Fact]
    public void Select_TenThousandCredentials_EveryOneIsUsedBeforeAnyIsReused()
    {
        var selector = new CredentialSelector();
        for (var i = 0; i < 10_000; i++)
        {
            selector.Upsert(Summaries.Active($"c-{i:x12}", region: i % 2 == 0 ? "us-east-1" : "eu-west-1"), Now);
        }

        var picked = new HashSet<string>();
        for (var i = 0; i < 10_000; i++)
        {
            Assert.True(picked.Add(selector.Select(Model("claude-3-haiku-20240307"), NoExclusions, Now.AddTicks(i)).Entry!.Id));
        }
    }

    [Fact]
    public void Select_ReleasedCredential_GoesBehindThoseThatWaitedLongerAtItsLoad()
    {
        var selector = ThreeCredentials();

        var haiku = Model("claude-3-haiku-20240307");
        selector.Select(haiku, NoExclusions, Now);
        selector.Select(haiku, NoExclusions, Now);
        selector.Released("c-000000000002");
        selector.Released("c-000000000001");

        // 3 was never leased, then 2 was released before 1.
        Assert.Equal("c-000000000003", selector.Select(haiku, NoExclusions, Now).Entry!.Id);
        Assert.Equal("c-000000000002", selector.Select(haiku, NoExclusions, Now).Entry!.Id);
        Assert.Equal("c-000000000001", selector.Select(haiku, NoExclusions, Now).Entry!.Id);
    }

    [Fact]
    public void Select_EveryLeastLoadedCredentialExcluded_TakesTheNextLoadLevel()
    {
        var selector = ThreeCredentials();

        var haiku = Model("claude-3-haiku-20240307");
        Assert.Equal("c-000000000001", selector.Select(haiku, NoExclusions, Now).Entry!.Id);
        Assert.Equal("c-000000000002", selector.Select(haiku, NoExclusions, Now).Entry!.Id);

        Assert.Equal("c-000000000001", selector.Select(haiku, ["c-000000000003"], Now).Entry!.Id);
        Assert.Null(selector.Select(haiku, ["c-000000000001", "c-000000000002", "c-000000000003"], Now).Entry);
    }

    [Fact]
    public void Select_AnyMixOfLeasesReleasesAndLockouts_AlwaysPicksAmongTheLeastLoadedOfEveryFamily()
    {
        // A model check against a brute-force scan: a lease on one family changes the load every other family's
        // bucket sees, so each pick must be among the least loaded candidates of its family, whatever came before.
        string[] families = ["claude-3-haiku", "claude-3-sonnet"];
        ResolvedModel[] models = [Model("claude-3-haiku-20240307"), Model("claude-3-sonnet-20240229")];
        var random = new Random(20261205);
        var selector = new CredentialSelector();
        var ids = Enumerable.Range(0, 40).Select(i => $"c-{i:x12}").ToArray();
        var summaries = ids.ToDictionary(id => id, id => Summaries.Active(id, region: id[^1] % 2 == 0 ? "us-east-1" : "us-west-2", families: families));
        foreach (var summary in summaries.Values)
        {
            selector.Upsert(summary, Now);
        }

        var leased = new List<string>();
        var now = Now;
        for (var step = 0; step < 5_000; step++)
        {
            now = now.AddMilliseconds(10);
            var action = random.Next(10);
            if (action < 5)
            {
                var which = random.Next(families.Length);
                var exclude = random.Next(4) == 0 ? ids.OrderBy(_ => random.Next()).Take(3).ToArray() : NoExclusions;
                var candidates = selector.Entries
                    .Where(e => e.Summary.Usable && selector.LockedUntil(e, families[which], now) is null && !exclude.Contains(e.Id))
                    .ToList();
                var leastLoaded = candidates.Count == 0 ? 0 : candidates.Min(e => e.InFlight);
                var picked = selector.Select(models[which], exclude, now).Entry;
                if (candidates.Count == 0)
                {
                    Assert.Null(picked);
                    continue;
                }

                Assert.NotNull(picked);
                Assert.Contains(picked, candidates);
                Assert.Equal(leastLoaded, picked.InFlight - 1);
                leased.Add(picked.Id);
            }
            else if (action < 9 && leased.Count > 0)
            {
                var index = random.Next(leased.Count);
                selector.Released(leased[index]);
                leased.RemoveAt(index);
            }
            else
            {
                // A new summary: locked out of one family for a while, or unlocked.
                var id = ids[random.Next(ids.Length)];
                var lockout = random.Next(2) == 0
                    ? new Dictionary<string, DateTimeOffset>()
                    : new Dictionary<string, DateTimeOffset> { [families[random.Next(families.Length)]] = now.AddMilliseconds(random.Next(50, 500)) };
                selector.Upsert(summaries[id].With(s => s with { LockedUntil = lockout }), now);
            }
        }

        Assert.All(selector.Entries, e => Assert.Equal(leased.Count(id => id == e.Id), e.InFlight));
    }
}
