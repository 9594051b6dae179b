using OrleansProxy.Credentials;
using OrleansProxy.Models;

namespace OrleansProxy.Pool;

/// <summary>
/// Picks the best credential for a model: usable, granted the model's family, in a region that can serve the id,
/// not throttled for the family; fewest in-flight leases, then longest at that load (least recently leased, for a
/// credential at rest). Candidates sit in a <see cref="CandidateBucket"/> per (family, region), so a pick costs
/// O(regions) and a lease or release O(families the credential serves), never a scan of every credential.
/// Not thread-safe: the pool grain's turn-based execution is its lock.
/// </summary>
/// <remarks>
/// Bedrock's quotas are per account, region and model, so a throttle on one key is a throttle on every key of its
/// account in that region: credentials of one <see cref="CredentialDescriptor.QuotaGroup"/> and region form a
/// <see cref="QuotaGroup"/>, and a family locked out on one member is locked out on all of them here, in the
/// pool's view (each credential's own state still says only what happened to it).
/// </remarks>
public sealed partial class CredentialSelector
{
    private static readonly TimeSpan CheckingRetry = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, PoolEntry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, CandidateBucket>> _buckets = new(StringComparer.Ordinal);
    private readonly PriorityQueue<(PoolEntry Entry, string Family), DateTimeOffset> _lockouts = new();
    private readonly Dictionary<string, QuotaGroup> _quotaGroups = new(StringComparer.Ordinal);
    private long _moves;

    /// <summary>A selector without session affinity.</summary>
    public CredentialSelector()
    {
    }

    /// <summary>A selector that keeps sessions on their cache scope, remembering them in <paramref name="sessions"/>.</summary>
    public CredentialSelector(SessionPins sessions) => Sessions = sessions;

    /// <summary>How many credentials the selector knows.</summary>
    public int Count => _entries.Count;

    /// <summary>Every entry, for statistics.</summary>
    public IEnumerable<PoolEntry> Entries => _entries.Values;

    /// <summary>Takes a summary unless an equal or newer version is already known.</summary>
    public bool Upsert(CredentialSummary summary, DateTimeOffset now)
    {
        if (_entries.TryGetValue(summary.Descriptor.Id, out var entry))
        {
            if (summary.Version <= entry.Summary.Version && entry.Summary.Version != 0)
            {
                return false;
            }

            Unindex(entry);
            var previous = entry.Summary;
            entry.Summary = summary;
            if (entry.QuotaGroup?.Key != QuotaKey(summary))
            {
                LeaveQuotaGroup(entry, now);
                JoinQuotaGroup(entry, now);
            }
            else if (entry.QuotaGroup is { } group)
            {
                Relock(group, group.Update(previous.LockedUntil, summary.LockedUntil), except: entry, now);
            }
        }
        else
        {
            entry = new PoolEntry(summary);
            _entries.Add(entry.Id, entry);
            JoinQuotaGroup(entry, now);
        }

        foreach (var (family, usage) in summary.Usage)
        {
            MergeUsage(entry, family, usage);
        }

        Index(entry, now);
        return true;
    }

    /// <summary>Forgets a credential.</summary>
    public bool Remove(string credentialId, DateTimeOffset now)
    {
        if (!_entries.Remove(credentialId, out var entry))
        {
            return false;
        }

        Unindex(entry);
        LeaveQuotaGroup(entry, now);
        return true;
    }

    /// <summary>
    /// Until when <paramref name="entry"/> is locked out of <paramref name="family"/>: its own lockout or, when longer,
    /// one of a credential sharing its quota; null when neither is in force at <paramref name="now"/>.
    /// </summary>
    public DateTimeOffset? LockedUntil(PoolEntry entry, string family, DateTimeOffset now)
    {
        DateTimeOffset? until = entry.Summary.LockedUntil.TryGetValue(family, out var own) && own > now ? own : null;
        if (entry.QuotaGroup?.LockedUntil.TryGetValue(family, out var shared) == true && shared > now && (until is null || shared > until))
        {
            until = shared;
        }

        return until;
    }

    /// <summary>The entry for a credential, if known.</summary>
    public PoolEntry? Find(string credentialId) => _entries.GetValueOrDefault(credentialId);

    /// <summary>Picks the best candidate and counts it as leased, or explains why there is none.</summary>
    /// <param name="model">The model asked for.</param>
    /// <param name="exclude">Credentials already tried for this request.</param>
    /// <param name="now">The pool's clock.</param>
    /// <param name="listings">Bedrock's listings per region (routing); null routes by the built-in table alone.</param>
    /// <param name="inFlight">
    /// Count the pick as in-flight load (an invoke lease). False for a CountTokens pick: it only moves the credential
    /// back in the least-recently-used order, so counts rotate over the candidates without weighing on invoke picks.
    /// </param>
    /// <param name="session">The request's prompt-cache session, if any (see CredentialSelector.Sessions.cs).</param>
    public Selection Select(
        ResolvedModel model, IReadOnlyCollection<string> exclude, DateTimeOffset now, ModelListings? listings = null,
        bool inFlight = true, LeaseSession? session = null)
    {
        ReleaseExpiredLockouts(now);
        var pin = TouchPin(session, now);
        var best = pin is null ? null : PinnedChoice(pin, model, exclude, listings);
        var pinned = best is not null;
        if (best is null && _buckets.TryGetValue(model.Family, out var byRegion))
        {
            BucketSlot? bestSlot = null;
            foreach (var (region, bucket) in byRegion)
            {
                if (bucket.Count == 0 || !CanServe(model, region, listings))
                {
                    continue;
                }

                var candidate = bucket.FirstNotExcluded(exclude);
                if (candidate is not null && (bestSlot is null || candidate.IsBetterThan(bestSlot)))
                {
                    bestSlot = candidate;
                }
            }

            best = bestSlot?.Entry;
        }

        if (best is null)
        {
            return Explain(model, exclude, now, listings);
        }

        if (pin is not null)
        {
            Repin(pin, best, pinned);
        }

        // Even a pick that adds no load goes to the back of its level, so picks rotate over equal candidates.
        best.InFlight += inFlight ? 1 : 0;
        Requeue(best);
        return new Selection(best, NoCredentialReason.None, TimeSpan.Zero);
    }

    /// <summary>Counts a lease of <paramref name="credentialId"/> as over.</summary>
    public void Released(string credentialId)
    {
        if (_entries.TryGetValue(credentialId, out var entry) && entry.InFlight > 0)
        {
            entry.InFlight--;
            Requeue(entry);
        }
    }

    /// <summary>Merges a credential's cumulative usage of a family (field-wise max).</summary>
    public void MergeUsage(string credentialId, string family, FamilyUsage usage)
    {
        if (_entries.TryGetValue(credentialId, out var entry))
        {
            MergeUsage(entry, family, usage);
        }
    }

    private static void MergeUsage(PoolEntry entry, string family, FamilyUsage usage) =>
        entry.Usage[family] = entry.Usage.TryGetValue(family, out var known) ? known.Max(usage) : usage;

    // After the entry's load changed: each bucket it is a candidate in files it at the back of its new level.
    private void Requeue(PoolEntry entry)
    {
        var stamp = ++_moves;
        foreach (var slot in entry.Slots.Values)
        {
            if (slot.IsLinked)
            {
                slot.Bucket.Remove(slot);
                slot.Bucket.Append(slot, stamp);
            }
        }
    }

    private void Index(PoolEntry entry, DateTimeOffset now)
    {
        if (!entry.Summary.Usable)
        {
            return;
        }

        foreach (var (family, access) in entry.Summary.Access)
        {
            if (access == FamilyAccess.Granted)
            {
                IndexFamily(entry, family, now, mayBeInBucket: false);
            }
        }
    }

    // Puts a usable entry granted the family into its bucket, or queues it until its (or its account's) lockout ends,
    // taking it out of the bucket first when it may sit there.
    private void IndexFamily(PoolEntry entry, string family, DateTimeOffset now, bool mayBeInBucket)
    {
        if (LockedUntil(entry, family, now) is { } until)
        {
            if (mayBeInBucket && entry.Slots.TryGetValue(family, out var slot))
            {
                slot.Bucket.Remove(slot);
            }

            _lockouts.Enqueue((entry, family), until);
            return;
        }

        AddToBucket(entry, family);
    }

    private void AddToBucket(PoolEntry entry, string family)
    {
        if (!_buckets.TryGetValue(family, out var byRegion))
        {
            byRegion = new Dictionary<string, CandidateBucket>(StringComparer.Ordinal);
            _buckets.Add(family, byRegion);
        }

        if (!byRegion.TryGetValue(entry.Region, out var bucket))
        {
            bucket = new CandidateBucket();
            byRegion.Add(entry.Region, bucket);
        }

        if (!entry.Slots.TryGetValue(family, out var slot))
        {
            slot = new BucketSlot(entry, bucket);
            entry.Slots.Add(family, slot);
        }
        else if (slot.IsLinked)
        {
            // Already a candidate (a lockout item queued twice): adding again is a no-op.
            return;
        }

        slot.Bucket = bucket;
        bucket.Append(slot, ++_moves);
    }

    private static void Unindex(PoolEntry entry)
    {
        foreach (var slot in entry.Slots.Values)
        {
            slot.Bucket.Remove(slot);
        }
    }

    private void ReleaseExpiredLockouts(DateTimeOffset now)
    {
        while (_lockouts.TryPeek(out var item, out var until) && until <= now)
        {
            _lockouts.Dequeue();
            var (entry, family) = item;
            // Stale queue items (entry replaced, access lost) are skipped.
            if (!ReferenceEquals(_entries.GetValueOrDefault(entry.Id), entry)
                || !entry.Summary.Usable
                || entry.Summary.Access.GetValueOrDefault(family) != FamilyAccess.Granted)
            {
                continue;
            }

            // If the lockout was extended meanwhile, the change queued an item of its own and this one queues again: a
            // safety net, and a duplicate item is harmless (adding to a bucket twice is a no-op).
            IndexFamily(entry, family, now, mayBeInBucket: false);
        }
    }

    private static bool CanServe(ResolvedModel model, string region, ModelListings? listings) =>
        (listings is null ? ModelRoutes.UpstreamId(model, region, null) : listings.UpstreamId(model, region)) is not null;

    private Selection Explain(ResolvedModel model, IReadOnlyCollection<string> exclude, DateTimeOffset now, ModelListings? listings)
    {
        if (_entries.Count == 0)
        {
            return new Selection(null, NoCredentialReason.NoneConfigured, TimeSpan.Zero);
        }

        int candidates = 0, revoked = 0, logged = 0, disabled = 0, checking = 0;
        TimeSpan? soonest = null;
        foreach (var entry in _entries.Values)
        {
            var summary = entry.Summary;
            if (!CanServe(model, entry.Region, listings))
            {
                continue;
            }

            candidates++;
            var access = summary.Access.GetValueOrDefault(model.Family);
            if (summary.Disabled)
            {
                disabled++;
            }
            else if (summary.Status == CredentialStatus.Revoked)
            {
                revoked++;
            }
            else if (summary.Status is CredentialStatus.LoggingEnabled or CredentialStatus.LoggingUnknown && !summary.Usable)
            {
                logged++;
            }
            else if (summary.Status == CredentialStatus.Unchecked || (summary.Usable && access == FamilyAccess.Unknown))
            {
                checking++;
            }
            else if (summary.Usable && access == FamilyAccess.Granted)
            {
                // Throttled, or already tried for this request: either way a later attempt may succeed.
                var wait = LockedUntil(entry, model.Family, now) is { } until
                    ? until - now
                    : exclude.Contains(entry.Id) ? CheckingRetry : TimeSpan.Zero;
                soonest = soonest is null || wait < soonest ? wait : soonest;
            }
        }

        if (soonest is { } retry)
        {
            return new Selection(null, NoCredentialReason.AllThrottled, retry);
        }

        if (checking > 0)
        {
            return new Selection(null, NoCredentialReason.StillChecking, CheckingRetry);
        }

        var reason = candidates == 0 ? NoCredentialReason.NoneWithAccess
            : revoked == candidates ? NoCredentialReason.AllRevoked
            : disabled == candidates ? NoCredentialReason.AllDisabled
            : logged > 0 && logged + revoked + disabled == candidates ? NoCredentialReason.AllLogged
            : NoCredentialReason.NoneWithAccess;
        return new Selection(null, reason, TimeSpan.Zero);
    }
}
