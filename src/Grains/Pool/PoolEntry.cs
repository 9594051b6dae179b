using OrleansProxy.Credentials;

namespace OrleansProxy.Pool;

/// <summary>The pool's mutable view of one credential. Its in-flight count changes only as its slots move (see CandidateBucket).</summary>
public sealed class PoolEntry(CredentialSummary summary)
{
    /// <summary>The credential's latest summary.</summary>
    public CredentialSummary Summary { get; set; } = summary;

    /// <summary>The credential id.</summary>
    public string Id => Summary.Descriptor.Id;

    /// <summary>The credential's region.</summary>
    public string Region => Summary.Descriptor.Region;

    /// <summary>Leases handed out and not yet released or expired.</summary>
    public int InFlight { get; set; }

    /// <summary>The credentials sharing its account's quotas in its region, itself included; null when unknown.</summary>
    public QuotaGroup? QuotaGroup { get; set; }

    /// <summary>Its slot in the bucket of each family it was indexed for, by family; linked while it can serve that family.</summary>
    public Dictionary<string, BucketSlot> Slots { get; } = new(StringComparer.Ordinal);

    /// <summary>Usage per family, merged from summaries and releases (field-wise max: never goes backwards).</summary>
    public Dictionary<string, FamilyUsage> Usage { get; } = new(StringComparer.Ordinal);
}
