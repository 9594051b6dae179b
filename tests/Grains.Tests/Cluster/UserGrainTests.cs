using System.Security.Cryptography;
using OrleansProxy.Persistence;
using OrleansProxy.Usage;
using OrleansProxy.Users;

namespace OrleansProxy.Cluster.Tests;

/// <summary>User grains on the two-silo test cluster, driven by the fixture's fake clock.</summary>
[Collection(ClusterCollection.Name)]
public sealed class UserGrainTests(ProxyClusterFixture fixture)
{
    private const string Sonnet = "claude-sonnet-4-5";
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(90);

    private IUserGrain User(string id) => fixture.Cluster.GrainFactory.GetGrain<IUserGrain>(id);

    private static string NewHash() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private async Task<(IUserGrain User, string Id, string Hash)> CreateAsync(
        UserLimits? limits = null, IReadOnlyList<TokenQuota>? quotas = null, IReadOnlyList<UsdBudget>? budgets = null)
    {
        var id = "usr_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var hash = NewHash();
        var user = User(id);
        await user.CreateAsync(new UserSpec("test " + id, null, null, limits ?? UserLimits.None, quotas ?? [], budgets ?? []), hash);
        return (user, id, hash);
    }

    private Task<string?> ResolveAsync(string hash) =>
        fixture.Cluster.GrainFactory.GetGrain<ITokenDirectoryGrain>(UserShards.OfTokenHash(hash)).ResolveAsync(hash);

    private static AdmissionRequest Request(string hash, Guid slot, long reserve = 100) => new(hash, Sonnet, slot, reserve, Ttl);

    [Fact]
    public async Task Create_RegistersTheTokenHashAndTheIndexRow()
    {
        var (_, id, hash) = await CreateAsync();

        Assert.Equal(id, await ResolveAsync(hash));
        var rows = await fixture.Cluster.GrainFactory.GetGrain<IUserIndexGrain>(UserShards.OfUser(id)).ListAsync(new UserQuery(null, 10_000, Search: id));
        Assert.Equal(id, Assert.Single(rows).Id);
    }

    [Fact]
    public async Task Rotate_KillsTheOldTokenAtOnce()
    {
        var (user, id, old) = await CreateAsync();
        var fresh = NewHash();

        await user.RotateAsync(fresh);

        Assert.Equal(RefusalKind.UnknownToken, (await user.AdmitAsync(Request(old, Guid.NewGuid()))).Refusal);
        Assert.True((await user.AdmitAsync(Request(fresh, Guid.NewGuid()))).IsAdmitted);
        Assert.Null(await ResolveAsync(old));
        Assert.Equal(id, await ResolveAsync(fresh));
    }

    [Fact]
    public async Task Delete_ForgetsTokenRowAndUser()
    {
        var (user, id, hash) = await CreateAsync();

        Assert.True(await user.DeleteAsync());

        Assert.Equal(RefusalKind.UnknownToken, (await user.AdmitAsync(Request(hash, Guid.NewGuid()))).Refusal);
        Assert.Null(await user.GetAsync());
        Assert.Null(await ResolveAsync(hash));
        Assert.Empty(await fixture.Cluster.GrainFactory.GetGrain<IUserIndexGrain>(UserShards.OfUser(id)).ListAsync(new UserQuery(null, 10, Search: id)));
        Assert.False(await user.DeleteAsync());
    }

    [Fact]
    public async Task RequestsPerMinute_HoldsExactly_UnderParallelAdmissions()
    {
        var (user, _, hash) = await CreateAsync(new UserLimits(RequestsPerMinute: 10));

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => user.AdmitAsync(Request(hash, Guid.NewGuid()))));

        Assert.Equal(10, answers.Count(a => a.IsAdmitted));
        Assert.All(answers.Where(a => !a.IsAdmitted), a => Assert.Equal(RefusalKind.RequestRate, a.Refusal));
    }

    [Fact]
    public async Task DailyQuota_ResetsAtUtcMidnight()
    {
        var (user, _, hash) = await CreateAsync(quotas: [new TokenQuota(Sonnet, UsagePeriod.Day, 1000)]);
        var slot = Guid.NewGuid();
        Assert.True((await user.AdmitAsync(Request(hash, slot))).IsAdmitted);
        await user.ReleaseAsync([new SlotRelease(slot, Sonnet, new TokenUsage(400, 500, CacheRead: 100), fixture.Clock.GetUtcNow())]);

        var refused = await user.AdmitAsync(Request(hash, Guid.NewGuid()));
        var midnight = UsagePeriods.Midnight(UsagePeriods.Day(fixture.Clock.GetUtcNow()).AddDays(1));
        Assert.Equal(RefusalKind.Quota, refused.Refusal);
        Assert.Equal(midnight, refused.ResetsAt);

        fixture.Clock.Advance(midnight - fixture.Clock.GetUtcNow());
        Assert.True((await user.AdmitAsync(Request(hash, Guid.NewGuid()))).IsAdmitted);
    }

    [Fact]
    public async Task Budget_StopsAtThePricedSpend_CacheTokensIncluded()
    {
        // Mostly cache tokens: priced at zero they would leave the budget untouched.
        var tokens = new TokenUsage(10, 100, CacheRead: 200_000, CacheWrite5m: 50_000, CacheWrite1h: 20_000);
        var cost = PriceTable.Default.Cost(Sonnet, tokens)!.Value;
        Assert.True(cost > PriceTable.Default.Cost(Sonnet, new TokenUsage(10, 100))!.Value * 10);
        var (user, _, hash) = await CreateAsync(budgets: [new UsdBudget(UsagePeriod.Month, cost)]);
        var slot = Guid.NewGuid();
        Assert.True((await user.AdmitAsync(Request(hash, slot))).IsAdmitted);

        await user.ReleaseAsync([new SlotRelease(slot, Sonnet, tokens, fixture.Clock.GetUtcNow())]);

        var view = (await user.GetAsync())!;
        Assert.Equal(cost, Assert.Single(view.Budgets).SpentUsd);
        Assert.Equal(cost, view.Periods.Single(p => p.Period == UsagePeriod.Month).ByFamily[Sonnet].CostUsd);
        Assert.Equal(RefusalKind.Budget, (await user.AdmitAsync(Request(hash, Guid.NewGuid()))).Refusal);
    }

    [Fact]
    public async Task CancellationStorm_LeavesNoSlotInFlight()
    {
        var (user, _, hash) = await CreateAsync(new UserLimits(MaxConcurrent: 50));
        var slots = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).ToArray();
        var admitted = await Task.WhenAll(slots.Select(s => user.AdmitAsync(Request(hash, s))));
        Assert.All(admitted, a => Assert.True(a.IsAdmitted));
        Assert.Equal(RefusalKind.Concurrency, (await user.AdmitAsync(Request(hash, Guid.NewGuid()))).Refusal);

        // Half are cancelled and released with nothing billed; the other half belonged to a gateway that died.
        await Task.WhenAll(slots[..25].Select(s => user.ReleaseAsync([new SlotRelease(s, Sonnet, default, fixture.Clock.GetUtcNow())])));
        Assert.Equal(25, (await user.GetAsync())!.InFlight);
        fixture.Clock.Advance(Ttl);

        var view = (await user.GetAsync())!;
        Assert.Equal(0, view.InFlight);
        Assert.Equal(0, view.TokensLastMinute);
        var again = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => user.AdmitAsync(Request(hash, Guid.NewGuid()))));
        Assert.All(again, a => Assert.True(a.IsAdmitted));
    }

    [Fact]
    public async Task Renew_KeepsALongAnswersSlot()
    {
        var (user, _, hash) = await CreateAsync(new UserLimits(MaxConcurrent: 1));
        var slot = Guid.NewGuid();
        Assert.True((await user.AdmitAsync(Request(hash, slot))).IsAdmitted);

        fixture.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.True(await user.RenewAsync(slot));
        fixture.Clock.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal(RefusalKind.Concurrency, (await user.AdmitAsync(Request(hash, Guid.NewGuid()))).Refusal);
        fixture.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.False(await user.RenewAsync(slot));
    }

    [Fact]
    public async Task Release_CountsEachSlotOnce_AndReportsPerDay()
    {
        var (user, _, hash) = await CreateAsync();
        var slot = Guid.NewGuid();
        Assert.True((await user.AdmitAsync(Request(hash, slot))).IsAdmitted);
        var release = new SlotRelease(slot, Sonnet, new TokenUsage(7, 11, CacheRead: 13, CacheWrite5m: 17), fixture.Clock.GetUtcNow());

        await user.ReleaseAsync([release]);
        await user.ReleaseAsync([release]);

        var today = UsagePeriods.Day(fixture.Clock.GetUtcNow());
        var row = Assert.Single(await user.GetUsageAsync(today, today));
        Assert.Equal(1, row.Usage.Requests);
        Assert.Equal(48, row.Usage.AllTokens);
        Assert.Equal(PriceTable.Default.Cost(Sonnet, release.Tokens), row.Usage.CostUsd);
    }

    [Fact]
    public async Task Admission_CarryingAnEarlierEnd_FreesItsSlotFirst_AndCountsItOnce()
    {
        var (user, _, hash) = await CreateAsync(new UserLimits(MaxConcurrent: 1));
        var first = Guid.NewGuid();
        Assert.True((await user.AdmitAsync(Request(hash, first))).IsAdmitted);
        Assert.Equal(RefusalKind.Concurrency, (await user.AdmitAsync(Request(hash, Guid.NewGuid()))).Refusal);
        var end = new SlotRelease(first, Sonnet, new TokenUsage(5, 6), fixture.Clock.GetUtcNow());

        // The next admission carries the first request's end: the one slot is free again before it is decided.
        var second = Guid.NewGuid();
        var carried = await user.AdmitAsync(Request(hash, second) with { Releases = [end] });
        // The same end sent again alone (the gateway could not tell the carrying call had landed) changes nothing.
        await user.ReleaseAsync([end]);

        Assert.True(carried.IsAdmitted);
        Assert.Equal(1, (await user.GetAsync())!.InFlight);
        var today = UsagePeriods.Day(fixture.Clock.GetUtcNow());
        var row = Assert.Single(await user.GetUsageAsync(today, today));
        Assert.Equal(1, row.Usage.Requests);
        Assert.Equal(11, row.Usage.AllTokens);
    }

    [Fact]
    public async Task MinuteWindowAndSlots_OutliveTheGrainsActivation()
    {
        var (user, _, hash) = await CreateAsync(new UserLimits(MaxConcurrent: 5, RequestsPerMinute: 3, TokensPerMinute: 10_000));
        var slots = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        foreach (var slot in slots)
        {
            Assert.True((await user.AdmitAsync(Request(hash, slot, reserve: 300))).IsAdmitted);
        }

        await user.ReleaseAsync([new SlotRelease(slots[0], Sonnet, new TokenUsage(40, 2), fixture.Clock.GetUtcNow())]);
        // Deactivated (as when its silo leaves): a new activation reads the window and slots back from storage.
        await fixture.Cluster.GrainFactory.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        fixture.Clock.Advance(TimeSpan.FromSeconds(5));

        var view = (await user.GetAsync())!;
        Assert.Equal(2, view.InFlight);
        Assert.Equal(3, view.RequestsLastMinute);
        Assert.Equal(42 + 600, view.TokensLastMinute);
        var refused = await user.AdmitAsync(Request(hash, Guid.NewGuid()));
        Assert.Equal(RefusalKind.RequestRate, refused.Refusal);
        Assert.Equal(TimeSpan.FromSeconds(55), refused.RetryAfter);
        Assert.True(await user.RenewAsync(slots[1]));
        await user.ReleaseAsync([new SlotRelease(slots[2], Sonnet, default, fixture.Clock.GetUtcNow())]);
        Assert.Equal(1, (await user.GetAsync())!.InFlight);
        fixture.Clock.Advance(TimeSpan.FromSeconds(55));
        Assert.True((await user.AdmitAsync(Request(hash, Guid.NewGuid()))).IsAdmitted);
    }

    [Fact]
    public async Task IndexAndDirectory_OutliveDeactivation_StoredInTheKeysBuckets()
    {
        var (_, id, hash) = await CreateAsync();
        await fixture.Cluster.GrainFactory.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var indexShard = fixture.Cluster.GrainFactory.GetGrain<IUserIndexGrain>(UserShards.OfUser(id));
        var directoryShard = fixture.Cluster.GrainFactory.GetGrain<ITokenDirectoryGrain>(UserShards.OfTokenHash(hash));

        Assert.Equal(id, Assert.Single(await indexShard.ListAsync(new UserQuery(null, 10, Search: id))).Id);
        Assert.Equal(id, await ResolveAsync(hash));
        var index = await ReadBucketAsync<UserSummary>("users", indexShard.GetGrainId(), id);
        var directory = await ReadBucketAsync<string>("tokens", directoryShard.GetGrainId(), hash);
        Assert.Contains(id, index.Keys);
        Assert.Equal(id, directory[hash]);
        Assert.All(index.Keys, key => Assert.Equal(DictionaryBuckets.Of(id), DictionaryBuckets.Of(key)));
    }

    [Fact]
    public async Task Shards_TakeInAnEarlierVersionsOneRecordState_IntoBuckets()
    {
        // Shards this cluster never activated (keys outside the 64 in use), stored as an earlier version did: one record.
        var key = 1_000_000 + RandomNumberGenerator.GetInt32(1_000_000);
        var indexShard = fixture.Cluster.GrainFactory.GetGrain<IUserIndexGrain>(key);
        var directoryShard = fixture.Cluster.GrainFactory.GetGrain<ITokenDirectoryGrain>(key);
        var rows = Enumerable.Range(0, 40)
            .Select(i => new UserSummary($"usr_{key}_{i:00}", $"earlier {i}", fixture.Clock.GetUtcNow(), null, i == 7, null))
            .ToDictionary(r => r.Id, StringComparer.Ordinal);
        var hashes = rows.Keys.ToDictionary(_ => NewHash(), id => id, StringComparer.Ordinal);
        var storage = fixture.Storage;
        await storage.WriteStateAsync("users", indexShard.GetGrainId(), new GrainState<UserIndexState>(new UserIndexState { Users = rows }));
        await storage.WriteStateAsync("tokens", directoryShard.GetGrainId(), new GrainState<TokenDirectoryState>(new TokenDirectoryState { Users = hashes }));

        Assert.Equal(rows.Values.OrderBy(r => r.Id, StringComparer.Ordinal), await indexShard.ListAsync(new UserQuery(null, 100)));
        Assert.Equal(1, await indexShard.CountAsync(new UserQuery(null, 100, Disabled: true)));
        foreach (var (hash, id) in hashes)
        {
            Assert.Equal(id, await directoryShard.ResolveAsync(hash));
        }

        // Moved: the one records are cleared and every row sits in its own bucket's record.
        var legacyIndex = new GrainState<UserIndexState>();
        var legacyDirectory = new GrainState<TokenDirectoryState>();
        await storage.ReadStateAsync("users", indexShard.GetGrainId(), legacyIndex);
        await storage.ReadStateAsync("tokens", directoryShard.GetGrainId(), legacyDirectory);
        Assert.Empty(legacyIndex.State?.Users ?? []);
        Assert.Empty(legacyDirectory.State?.Users ?? []);
        foreach (var (hash, id) in hashes)
        {
            Assert.Equal(rows[id], (await ReadBucketAsync<UserSummary>("users", indexShard.GetGrainId(), id))[id]);
            Assert.Equal(id, (await ReadBucketAsync<string>("tokens", directoryShard.GetGrainId(), hash))[hash]);
        }
    }

    // The stored bucket record of a shard that holds key's row.
    private async Task<Dictionary<string, T>> ReadBucketAsync<T>(string stateName, GrainId shard, string key)
    {
        var bucket = new GrainState<DictionaryBucket<T>>();
        await fixture.Storage.ReadStateAsync(DictionaryBuckets.StateName(stateName, DictionaryBuckets.Of(key)), shard, bucket);
        return bucket.State?.Rows ?? [];
    }

    [Fact]
    public async Task Disabled_IsRefusedWithTheReason_AndEnableRestores()
    {
        var (user, _, hash) = await CreateAsync();

        await user.SetDisabledAsync(true, "over budget");
        var refused = await user.AdmitAsync(AdmissionRequest.Check(hash, null));
        await user.SetDisabledAsync(false, null);

        Assert.Equal(RefusalKind.Disabled, refused.Refusal);
        Assert.Equal("This user token is disabled: over budget", refused.Message);
        Assert.True((await user.AdmitAsync(AdmissionRequest.Check(hash, null))).IsAdmitted);
    }
}
