using OrleansProxy.Credentials;

namespace OrleansProxy.Pool;

/// <summary>The pool's mutable view of one credential. Sort keys change only while it is out of every bucket.</summary>
public sealed class PoolEntry(CredentialSummary summary, long sequence)
{
    /// <summary>The credential's latest summary.</summary>
    public CredentialSummary Summary { get; set; } = summary;

    /// <summary>The credential id.</summary>
    public string Id => Summary.Descriptor.Id;

    /// <summary>The credential's region.</summary>
    public string Region => Summary.Descriptor.Region;

    /// <summary>Leases handed out and not yet released or expired.</summary>
    public int InFlight { get; set; }

    /// <summary>When the pool last leased this credential (UTC ticks); older sorts first.</summary>
    public long LastLeasedTicks { get; set; }

    /// <summary>Registration order; the final tie-break, so the sort order is total.</summary>
    public long Sequence { get; } = sequence;

    /// <summary>The credentials sharing its account's quotas in its region, itself included; null when unknown.</summary>
    public QuotaGroup? QuotaGroup { get; set; }

    /// <summary>The buckets (one per family it can serve now) this entry sits in.</summary>
    public List<SortedSet<PoolEntry>> Buckets { get; } = [];

    /// <summary>Usage per family, merged from summaries and releases (field-wise max: never goes backwards).</summary>
    public Dictionary<string, FamilyUsage> Usage { get; } = new(StringComparer.Ordinal);

    /// <summary>Prefers fewest in-flight leases, then least recently leased.</summary>
    public static IComparer<PoolEntry> Preference { get; } = Comparer<PoolEntry>.Create(static (a, b) =>
    {
        var c = a.InFlight.CompareTo(b.InFlight);
        if (c != 0)
        {
            return c;
        }

        c = a.LastLeasedTicks.CompareTo(b.LastLeasedTicks);
        return c != 0 ? c : a.Sequence.CompareTo(b.Sequence);
    });
}
