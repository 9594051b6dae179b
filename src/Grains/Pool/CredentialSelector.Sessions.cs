using OrleansProxy.Models;

namespace OrleansProxy.Pool;

// Session affinity: Bedrock's prompt cache lives in one account and region (the cache scope), so a session's requests
// go to its pinned credential, else to another credential of the same scope, and move (re-pinned) only when that
// scope cannot serve. New sessions take the ordinary least-loaded choice, which is what keeps load spread.
public sealed partial class CredentialSelector
{
    private static readonly TimeSpan ShortSessionTtl = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan LongSessionTtl = TimeSpan.FromHours(1);

    /// <summary>The session pins; null when session affinity is off.</summary>
    public SessionPins? Sessions { get; }

    /// <summary>Leases that went to the session's own cache scope.</summary>
    public long SessionHits { get; private set; }

    /// <summary>Sessions moved to another cache scope because theirs could not serve.</summary>
    public long SessionMoves { get; private set; }

    // The session's pin, touched; null without a session or with affinity off. The lifetime is one of the cache's
    // two (a gateway cannot make the pool keep sessions for longer than Bedrock keeps their cache).
    private SessionPin? TouchPin(LeaseSession? session, DateTimeOffset now) =>
        session is null || Sessions is null
            ? null
            : Sessions.Touch(session.Hash, session.Ttl >= LongSessionTtl ? LongSessionTtl : ShortSessionTtl, now);

    // The pinned credential when it can serve, else the best other member of its cache scope; null when neither can.
    private PoolEntry? PinnedChoice(SessionPin pin, ResolvedModel model, IReadOnlyCollection<string> exclude, ModelListings? listings)
    {
        if (pin.CredentialId is null)
        {
            return null;
        }

        if (_entries.TryGetValue(pin.CredentialId, out var pinned) && CandidateSlot(pinned, model, exclude, listings) is not null)
        {
            return pinned;
        }

        if (pin.ScopeKey is null || !_quotaGroups.TryGetValue(pin.ScopeKey, out var scope))
        {
            return null;
        }

        BucketSlot? best = null;
        foreach (var member in scope.Members)
        {
            if (CandidateSlot(member, model, exclude, listings) is { } slot && (best is null || slot.IsBetterThan(best)))
            {
                best = slot;
            }
        }

        return best?.Entry;
    }

    // Its slot when it is a candidate for the family (usable, granted, not locked out), not tried yet, and routable there.
    private static BucketSlot? CandidateSlot(PoolEntry entry, ResolvedModel model, IReadOnlyCollection<string> exclude, ModelListings? listings) =>
        entry.Slots.TryGetValue(model.Family, out var slot) && slot.IsLinked
        && (exclude.Count == 0 || !exclude.Contains(entry.Id))
        && CanServe(model, entry.Region, listings)
            ? slot
            : null;

    private void Repin(SessionPin pin, PoolEntry chosen, bool pinned)
    {
        if (pinned)
        {
            SessionHits++;
        }
        else if (pin.CredentialId is not null)
        {
            SessionMoves++;
        }

        pin.CredentialId = chosen.Id;
        pin.ScopeKey = chosen.QuotaGroup?.Key;
    }
}
