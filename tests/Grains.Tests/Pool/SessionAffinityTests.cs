using OrleansProxy.Models;

namespace OrleansProxy.Pool.Tests;

public sealed class SessionAffinityTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] NoExclusions = [];
    private static readonly ResolvedModel Haiku =
        ModelCatalog.TryResolve("claude-3-haiku-20240307", out var model) ? model : throw new InvalidOperationException();

    private static LeaseSession Session(ulong id, TimeSpan? ttl = null) => new(0xABCD, id, ttl ?? TimeSpan.FromMinutes(5));

    // Accounts A and B, two keys each, in us-east-1; account C with one key in us-west-2.
    private static CredentialSelector Pool(int capacity = 1000)
    {
        var selector = new CredentialSelector(new SessionPins(capacity));
        selector.Upsert(Summaries.Active("c-0000000000a1", quotaGroup: "acct-a"), Now);
        selector.Upsert(Summaries.Active("c-0000000000a2", quotaGroup: "acct-a"), Now);
        selector.Upsert(Summaries.Active("c-0000000000b1", quotaGroup: "acct-b"), Now);
        selector.Upsert(Summaries.Active("c-0000000000b2", quotaGroup: "acct-b"), Now);
        selector.Upsert(Summaries.Active("c-0000000000c1", region: "us-west-2", quotaGroup: "acct-c"), Now);
        return selector;
    }

    private static string Pick(CredentialSelector selector, LeaseSession? session, DateTimeOffset at, IReadOnlyCollection<string>? exclude = null) =>
        selector.Select(Haiku, exclude ?? NoExclusions, at, null, session: session).Entry!.Id;

    private static void Lock(CredentialSelector selector, string id, string group, DateTimeOffset until, string region = "us-east-1") =>
        selector.Upsert(Summaries.Active(id, region: region, quotaGroup: group,
            lockedUntil: new Dictionary<string, DateTimeOffset> { ["claude-3-haiku"] = until }), Now);

    [Fact]
    public void Session_StaysOnItsCredential_WhileItIsUsable()
    {
        var selector = Pool();
        var first = Pick(selector, Session(1), Now);

        // Ten more turns, each while other sessions load the pool: always the same credential.
        for (var i = 1; i <= 10; i++)
        {
            Pick(selector, Session(100 + (ulong)i), Now.AddSeconds(i));
            Assert.Equal(first, Pick(selector, Session(1), Now.AddSeconds(i)));
        }

        Assert.Equal(10, selector.SessionHits);
        Assert.Equal(0, selector.SessionMoves);
    }

    [Fact]
    public void ParallelRequests_OfOneSession_ShareItsCredential()
    {
        var selector = Pool();
        var picks = Enumerable.Range(0, 8).Select(i => Pick(selector, Session(1), Now.AddMilliseconds(i))).ToHashSet();

        Assert.Single(picks);
        Assert.Equal(8, selector.Find(picks.Single())!.InFlight);
    }

    [Fact]
    public void PinnedCredentialUnavailable_GoesToAnotherKeyOfTheSameAccountAndRegion()
    {
        var selector = Pool();
        Assert.Equal("c-0000000000a1", Pick(selector, Session(1), Now));

        // Already tried for this request: the same account's other key, not the least-loaded credential elsewhere.
        Assert.Equal("c-0000000000a2", Pick(selector, Session(1), Now.AddSeconds(1), ["c-0000000000a1"]));
        Assert.Equal(0, selector.SessionMoves);
    }

    [Fact]
    public void ScopeThrottled_SessionMovesOnce_AndNeverReturns()
    {
        var selector = Pool();
        Assert.Equal("c-0000000000a1", Pick(selector, Session(1), Now));

        Lock(selector, "c-0000000000a1", "acct-a", Now.AddSeconds(30));
        var moved = Pick(selector, Session(1), Now.AddSeconds(1));
        Assert.DoesNotContain(moved, new[] { "c-0000000000a1", "c-0000000000a2" });
        var scope = selector.Find(moved)!.QuotaGroup!.Key;

        // Account A recovers (and is idle): the session stays where its cache now is.
        for (var i = 0; i < 5; i++)
        {
            var pick = Pick(selector, Session(1), Now.AddSeconds(40 + i));
            Assert.Equal(scope, selector.Find(pick)!.QuotaGroup!.Key);
        }

        Assert.Equal(1, selector.SessionMoves);
    }

    [Fact]
    public void NewSessions_SpreadAcrossCredentials()
    {
        var selector = Pool();

        var picks = Enumerable.Range(0, 5).Select(i => Pick(selector, Session((ulong)i), Now.AddMilliseconds(i))).ToList();

        Assert.Equal(5, picks.Distinct().Count());
    }

    [Fact]
    public void ExpiredPin_IsForgotten_AndTheSessionStartsOverLeastLoaded()
    {
        var selector = Pool();
        Assert.Equal("c-0000000000a1", Pick(selector, Session(1), Now));
        Pick(selector, null, Now.AddSeconds(1)); // a2
        selector.Released("c-0000000000a2");

        // Five minutes of silence: the cache is gone, so is the pin; the session starts over on an idle key, not a1.
        Assert.Null(selector.Sessions!.Find(Session(1).Hash, Now.AddMinutes(5)));
        Assert.NotEqual("c-0000000000a1", Pick(selector, Session(1), Now.AddMinutes(5)));
    }

    [Fact]
    public void OneHourSession_OutlivesTheFiveMinuteCache()
    {
        var selector = Pool();
        var first = Pick(selector, Session(1, TimeSpan.FromHours(1)), Now);
        for (var i = 0; i < 4; i++)
        {
            Pick(selector, Session(50 + (ulong)i), Now.AddMinutes(30));
        }

        Assert.Equal(first, Pick(selector, Session(1, TimeSpan.FromHours(1)), Now.AddMinutes(59)));
    }

    [Fact]
    public void FullMap_EvictsTheLeastRecentSession()
    {
        var selector = Pool(capacity: 2);
        Pick(selector, Session(1), Now);
        Pick(selector, Session(2), Now.AddSeconds(1));
        Pick(selector, Session(3), Now.AddSeconds(2));

        Assert.Equal(2, selector.Sessions!.Count);
        Assert.Null(selector.Sessions.Find(Session(1).Hash, Now.AddSeconds(2)));
        Assert.Equal(1, selector.Sessions.Evicted);
    }

    [Fact]
    public void WithoutAffinity_SessionsAreIgnored()
    {
        var selector = new CredentialSelector();
        selector.Upsert(Summaries.Active("c-0000000000a1", quotaGroup: "acct-a"), Now);
        selector.Upsert(Summaries.Active("c-0000000000b1", quotaGroup: "acct-b"), Now);

        Assert.Equal("c-0000000000a1", Pick(selector, Session(1), Now));
        Assert.Equal("c-0000000000b1", Pick(selector, Session(1), Now.AddSeconds(1)));
        Assert.Null(selector.Sessions);
    }

    [Fact]
    public void NothingAvailable_ExplainsAsBefore_AndKeepsThePin()
    {
        var selector = Pool();
        Assert.Equal("c-0000000000a1", Pick(selector, Session(1), Now));
        foreach (var (id, group, region) in new[]
        {
            ("c-0000000000a1", "acct-a", "us-east-1"), ("c-0000000000b1", "acct-b", "us-east-1"), ("c-0000000000c1", "acct-c", "us-west-2"),
        })
        {
            Lock(selector, id, group, Now.AddSeconds(10), region);
        }

        var selection = selector.Select(Haiku, NoExclusions, Now.AddSeconds(1), null, session: Session(1));

        Assert.Null(selection.Entry);
        Assert.Equal(NoCredentialReason.AllThrottled, selection.Reason);
        Assert.Equal("c-0000000000a1", selector.Sessions!.Find(Session(1).Hash, Now.AddSeconds(1))!.CredentialId);
        // The lockouts end: back on its own credential, not moved.
        Assert.Equal("c-0000000000a1", Pick(selector, Session(1), Now.AddSeconds(11)));
        Assert.Equal(0, selector.SessionMoves);
    }
}
