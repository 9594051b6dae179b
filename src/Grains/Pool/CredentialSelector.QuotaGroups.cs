using OrleansProxy.Credentials;

namespace OrleansProxy.Pool;

// Quota groups: the keys of one AWS account in one region share Bedrock's quotas, so the selector locks a family out
// on all of them when one is throttled (see QuotaGroup).
public sealed partial class CredentialSelector
{
    // The key of a credential's quota group: its account's group and its region (quotas are regional).
    private static string? QuotaKey(CredentialSummary summary) =>
        summary.Descriptor.QuotaGroup is { } group ? group + "/" + summary.Descriptor.Region : null;

    private void JoinQuotaGroup(PoolEntry entry, DateTimeOffset now)
    {
        if (QuotaKey(entry.Summary) is not { } key)
        {
            return;
        }

        if (!_quotaGroups.TryGetValue(key, out var group))
        {
            group = new QuotaGroup(key);
            _quotaGroups.Add(key, group);
        }

        group.Members.Add(entry);
        entry.QuotaGroup = group;
        Relock(group, group.Update(null, entry.Summary.LockedUntil), except: entry, now);
    }

    private void LeaveQuotaGroup(PoolEntry entry, DateTimeOffset now)
    {
        if (entry.QuotaGroup is not { } group)
        {
            return;
        }

        group.Members.Remove(entry);
        entry.QuotaGroup = null;
        if (group.Members.Count == 0)
        {
            _quotaGroups.Remove(group.Key);
            return;
        }

        // Its lockouts no longer hold the others back.
        Relock(group, group.Recompute(), except: null, now);
    }

    /// <summary>
    /// After the group's lockout of <paramref name="families"/> changed: takes each member (but
    /// <paramref name="except"/>, re-indexed by its caller) out of those families' buckets, or puts it back.
    /// </summary>
    private void Relock(QuotaGroup group, IReadOnlySet<string> families, PoolEntry? except, DateTimeOffset now)
    {
        if (families.Count == 0)
        {
            return;
        }

        foreach (var member in group.Members)
        {
            if (ReferenceEquals(member, except) || !member.Summary.Usable)
            {
                continue;
            }

            foreach (var family in families)
            {
                if (member.Summary.Access.GetValueOrDefault(family) != FamilyAccess.Granted)
                {
                    continue;
                }

                IndexFamily(member, family, now, mayBeInBucket: true);
            }
        }
    }
}
