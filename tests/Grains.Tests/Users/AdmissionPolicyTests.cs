using OrleansProxy.Usage;

namespace OrleansProxy.Users.Tests;

public sealed class AdmissionPolicyTests
{
    private const string Hash = "ab12000000000000000000000000000000000000000000000000000000000000";
    private const string Sonnet = "claude-sonnet-4-5";
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(90);

    private readonly MinuteWindow _window = new();
    private readonly UserSlots _slots = new();

    private static UserState State(UserLimits? limits = null, IReadOnlyList<TokenQuota>? quotas = null,
        IReadOnlyList<UsdBudget>? budgets = null, IReadOnlyList<string>? families = null, DateTimeOffset? expires = null) => new()
    {
        Spec = new UserSpec("alice", expires, families, limits ?? UserLimits.None, quotas ?? [], budgets ?? []),
        TokenHash = Hash,
        Created = Now.AddDays(-10),
    };

    private Admission Admit(UserState state, string? family = Sonnet, long reserve = 100, Guid? slot = null, string hash = Hash, DateTimeOffset? at = null) =>
        AdmissionPolicy.Decide(state, new UsageLedger(state), _window, _slots,
            new AdmissionRequest(hash, family, slot ?? Guid.NewGuid(), reserve, Ttl), at ?? Now);

    [Fact]
    public void WrongHash_DisabledAndExpired_AreRefusedInThatOrder()
    {
        var state = State(expires: Now.AddMinutes(-1));
        state.Disabled = true;
        state.DisabledReason = "left the team";

        Assert.Equal(RefusalKind.UnknownToken, Admit(state, hash: Hash.Replace("ab12", "ab13", StringComparison.Ordinal)).Refusal);
        var disabled = Admit(state);
        Assert.Equal(RefusalKind.Disabled, disabled.Refusal);
        Assert.Equal("This user token is disabled: left the team", disabled.Message);
        state.Disabled = false;
        var expired = Admit(state);
        Assert.Equal(RefusalKind.Expired, expired.Refusal);
        Assert.Equal($"This user token expired at {Now.AddMinutes(-1):yyyy-MM-dd'T'HH:mm:ss'Z'}.", expired.Message);
    }

    [Fact]
    public void FamilyNotAllowed_NamesTheAllowedOnes()
    {
        var refusal = Admit(State(families: ["claude-3-haiku"]));

        Assert.Equal(RefusalKind.FamilyNotAllowed, refusal.Refusal);
        Assert.Equal("This user may not use claude-sonnet-4-5 models (allowed: claude-3-haiku).", refusal.Message);
    }

    [Fact]
    public void DailyQuota_Spent_RefusesUntilUtcMidnight_AndOnlyForItsFamily()
    {
        var state = State(quotas: [new TokenQuota(Sonnet, UsagePeriod.Day, 1000)]);
        new UsageLedger(state).Add(new DateOnly(2026, 12, 4), Sonnet, new UsageCounters(1, new TokenUsage(600, 300, CacheRead: 100), 0));

        var refusal = Admit(state);

        Assert.Equal(RefusalKind.Quota, refusal.Refusal);
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero), refusal.ResetsAt);
        Assert.Equal(TimeSpan.FromHours(14), refusal.RetryAfter);
        Assert.Contains("day quota of 1000 tokens for claude-sonnet-4-5 is spent (1000 used)", refusal.Message, StringComparison.Ordinal);
        Assert.True(Admit(state, family: "claude-3-haiku").IsAdmitted);
        Assert.True(Admit(state, at: new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero)).IsAdmitted);
    }

    [Fact]
    public void AnyFamilyQuota_CountsEveryFamily()
    {
        var state = State(quotas: [new TokenQuota(TokenQuota.AnyFamily, UsagePeriod.Month, 1000)]);
        var ledger = new UsageLedger(state);
        ledger.Add(new DateOnly(2026, 12, 1), "claude-3-haiku", new UsageCounters(1, new TokenUsage(500, 0), 0));
        ledger.Add(new DateOnly(2026, 12, 3), Sonnet, new UsageCounters(1, new TokenUsage(0, 499), 0));

        Assert.True(Admit(state).IsAdmitted);
        ledger.Add(new DateOnly(2026, 12, 4), Sonnet, new UsageCounters(1, new TokenUsage(1, 0), 0));
        Assert.Equal(RefusalKind.Quota, Admit(state).Refusal);
    }

    [Fact]
    public void Budget_StopsAtTheSpend()
    {
        var state = State(budgets: [new UsdBudget(UsagePeriod.Week, 5m)]);
        var ledger = new UsageLedger(state);
        ledger.Add(new DateOnly(2026, 11, 30), Sonnet, new UsageCounters(1, default, 4.99m));
        Assert.True(Admit(state).IsAdmitted);

        ledger.Add(new DateOnly(2026, 12, 4), Sonnet, new UsageCounters(1, default, 0.01m));
        var refusal = Admit(state);

        Assert.Equal(RefusalKind.Budget, refusal.Refusal);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero), refusal.ResetsAt);
        Assert.Contains("week budget of $5.00 is spent ($5.00 estimated)", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TotalQuota_NeverResets()
    {
        var state = State(quotas: [new TokenQuota(Sonnet, UsagePeriod.Total, 10)]);
        new UsageLedger(state).Add(new DateOnly(2025, 1, 1), Sonnet, new UsageCounters(1, new TokenUsage(10, 0), 0));

        var refusal = Admit(state);

        Assert.Equal(RefusalKind.Quota, refusal.Refusal);
        Assert.Null(refusal.ResetsAt);
        Assert.Contains("it does not reset", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequestsPerMinute_RefusesTheNextOne_WithRetryAfter()
    {
        var state = State(new UserLimits(RequestsPerMinute: 2));

        Assert.True(Admit(state).IsAdmitted);
        Assert.True(Admit(state, at: Now.AddSeconds(10)).IsAdmitted);
        var refusal = Admit(state, at: Now.AddSeconds(20));

        Assert.Equal(RefusalKind.RequestRate, refusal.Refusal);
        Assert.Equal(TimeSpan.FromSeconds(40), refusal.RetryAfter);
        Assert.True(Admit(state, at: Now.AddSeconds(60)).IsAdmitted);
    }

    [Fact]
    public void TokensPerMinute_CountsReservationsOfAnswersInFlight()
    {
        var state = State(new UserLimits(TokensPerMinute: 1000));
        var first = Guid.NewGuid();

        Assert.True(Admit(state, reserve: 600, slot: first).IsAdmitted);
        Assert.True(Admit(state, reserve: 600).IsAdmitted);
        var refusal = Admit(state, reserve: 1);
        Assert.Equal(RefusalKind.TokenRate, refusal.Refusal);
        Assert.Contains("(0 used, 1200 reserved by answers in flight)", refusal.Message, StringComparison.Ordinal);

        // One answer ends having used 50 tokens: its 600 reserved are given back, its 50 counted.
        _slots.Release(first);
        _window.AddTokens(Now, 50);
        Assert.True(Admit(state, reserve: 1).IsAdmitted);
    }

    [Fact]
    public void MaxConcurrent_RefusesWithAShortRetry_AndFreesWithRelease()
    {
        var state = State(new UserLimits(MaxConcurrent: 1));
        var first = Guid.NewGuid();

        Assert.True(Admit(state, slot: first).IsAdmitted);
        var refusal = Admit(state);
        Assert.Equal(RefusalKind.Concurrency, refusal.Refusal);
        Assert.True(refusal.RetryAfter <= TimeSpan.FromSeconds(1));

        _slots.Release(first);
        Assert.True(Admit(state).IsAdmitted);
    }

    [Fact]
    public void RetriedAdmission_OfTheSameSlot_TakesNothingMore()
    {
        var state = State(new UserLimits(MaxConcurrent: 1, RequestsPerMinute: 1));
        var slot = Guid.NewGuid();

        Assert.True(Admit(state, slot: slot).IsAdmitted);
        Assert.True(Admit(state, slot: slot).IsAdmitted);
        Assert.Equal(1, _slots.Count(Now));
        Assert.Equal(1, _window.Requests(Now));
    }

    [Fact]
    public void Check_TakesNoSlot_AndCountsAgainstNoLimit()
    {
        var state = State(new UserLimits(MaxConcurrent: 1, RequestsPerMinute: 1));

        for (var i = 0; i < 50; i++)
        {
            Assert.True(AdmissionPolicy.Decide(state, new UsageLedger(state), _window, _slots, AdmissionRequest.Check(Hash, Sonnet), Now).IsAdmitted);
        }

        Assert.Equal(0, _slots.Count(Now));
        Assert.Equal(0, _window.Requests(Now));
        Assert.True(Admit(state).IsAdmitted);
    }
}
