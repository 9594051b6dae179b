using OrleansProxy.Credentials;
using OrleansProxy.Models;

namespace OrleansProxy.Pool;

/// <summary>Aggregates the selector's entries into the info page's counts. Each credential lands in one bucket per family.</summary>
public static class PoolStatistics
{
    /// <summary>Builds the snapshot; a credential locked out by a throttle on its account (not its own) counts as throttled.</summary>
    public static PoolSnapshot Build(CredentialSelector selector, IReadOnlyDictionary<string, int> inFlightByFamily, bool allowAwsLogging, DateTimeOffset now)
    {
        var byStatus = new Dictionary<CredentialStatus, int>();
        var families = ModelCatalog.Families.ToDictionary(f => f, _ => new Counts(), StringComparer.Ordinal);
        int total = 0, disabled = 0, inFlight = 0;
        foreach (var entry in selector.Entries)
        {
            total++;
            inFlight += entry.InFlight;
            var summary = entry.Summary;
            byStatus[summary.Status] = byStatus.GetValueOrDefault(summary.Status) + 1;
            disabled += summary.Disabled ? 1 : 0;
            foreach (var (family, counts) in families)
            {
                var lockedUntil = selector.LockedUntil(entry, family, now);
                if (Classify(summary, family, lockedUntil is not null, counts) && lockedUntil is { } until && IsDailyQuota(entry, family, until))
                {
                    counts.DailyQuotaExhausted++;
                    counts.DailyQuotaResetsAt = counts.DailyQuotaResetsAt is { } known && known < until ? known : until;
                }

                if (entry.Usage.TryGetValue(family, out var usage))
                {
                    counts.Usage = counts.Usage.Add(usage);
                }
            }
        }

        var stats = families.Select(pair => new FamilyPoolStats(
            pair.Key, pair.Value.Usable, pair.Value.Throttled, pair.Value.Revoked, pair.Value.LoggingEnabled,
            pair.Value.LoggingUnknown, pair.Value.NoAccess, pair.Value.Unchecked, pair.Value.Disabled,
            inFlightByFamily.GetValueOrDefault(pair.Key), pair.Value.Usage,
            pair.Value.DailyQuotaExhausted, pair.Value.DailyQuotaResetsAt)).ToList();
        return new PoolSnapshot(now, total, byStatus, stats, inFlight, allowAwsLogging, disabled);
    }

    // Whether the lockout in force (the credential's own, or one on its account) is a spent daily quota.
    private static bool IsDailyQuota(PoolEntry entry, string family, DateTimeOffset until)
    {
        if (IsDailyLockout(entry.Summary, family, until))
        {
            return true;
        }

        return entry.QuotaGroup?.Members.Any(member => IsDailyLockout(member.Summary, family, until)) == true;
    }

    private static bool IsDailyLockout(CredentialSummary summary, string family, DateTimeOffset until) =>
        summary.LockedUntil.TryGetValue(family, out var own) && own == until
        && summary.LockKinds?.GetValueOrDefault(family) == ThrottleKind.DailyQuota;

    // Puts the credential in one bucket for the family; returns whether that was "throttled".
    private static bool Classify(CredentialSummary summary, string family, bool lockedOut, Counts counts)
    {
        var access = summary.Access.GetValueOrDefault(family);
        if (summary.Disabled)
        {
            counts.Disabled++;
        }
        else if (summary.Status == CredentialStatus.Revoked)
        {
            counts.Revoked++;
        }
        else if (summary.Status == CredentialStatus.Unchecked)
        {
            counts.Unchecked++;
        }
        else if (summary.Status == CredentialStatus.LoggingEnabled && !summary.Usable)
        {
            counts.LoggingEnabled++;
        }
        else if (summary.Status == CredentialStatus.LoggingUnknown && !summary.Usable)
        {
            counts.LoggingUnknown++;
        }
        else if (access is FamilyAccess.Denied or FamilyAccess.NotInRegion || summary.Status == CredentialStatus.NoAccess)
        {
            counts.NoAccess++;
        }
        else if (access == FamilyAccess.Unknown)
        {
            counts.Unchecked++;
        }
        else if (lockedOut)
        {
            counts.Throttled++;
            return true;
        }
        else
        {
            counts.Usable++;
        }

        return false;
    }

    private sealed class Counts
    {
        public int Usable;
        public int Throttled;
        public int Revoked;
        public int LoggingEnabled;
        public int LoggingUnknown;
        public int NoAccess;
        public int Unchecked;
        public int Disabled;
        public int DailyQuotaExhausted;
        public DateTimeOffset? DailyQuotaResetsAt;
        public FamilyUsage Usage = FamilyUsage.Zero;
    }
}
