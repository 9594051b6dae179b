using OrleansProxy.Models;

namespace OrleansProxy.Credentials;

/// <summary>Builds the secret-free views of a credential's state: the pool's summary and the dashboard snapshot.</summary>
public static class CredentialViews
{
    /// <summary>The part of the state the pool selects on.</summary>
    public static CredentialSummary Summary(CredentialState state, bool allowAwsLogging, DateTimeOffset now)
    {
        var (status, _) = CredentialStatusPolicy.Derive(state);
        var access = new Dictionary<string, FamilyAccess>(StringComparer.Ordinal);
        var locked = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var usage = new Dictionary<string, FamilyUsage>(StringComparer.Ordinal);
        Dictionary<string, ThrottleKind>? kinds = null;
        foreach (var (family, familyState) in state.Families)
        {
            access[family] = familyState.Access;
            usage[family] = familyState.Usage;
            if (familyState.LockedUntil is { } until && until > now)
            {
                locked[family] = until;
                if (familyState.LockKind == ThrottleKind.DailyQuota)
                {
                    (kinds ??= new(StringComparer.Ordinal))[family] = ThrottleKind.DailyQuota;
                }
            }
        }

        return new CredentialSummary(
            state.Descriptor!,
            state.SummaryVersion,
            status,
            CredentialStatusPolicy.IsUsable(state, status, allowAwsLogging),
            state.Disabled || state.Retired,
            access,
            locked,
            usage,
            state.Listing,
            kinds);
    }

    /// <summary>Everything about the credential a dashboard may see.</summary>
    public static CredentialSnapshot Snapshot(string id, CredentialState state, bool allowAwsLogging, int inFlight, DateTimeOffset now)
    {
        var (status, reason) = CredentialStatusPolicy.Derive(state);
        var probed = Checks.BedrockChecker.FamiliesToProbe(state.Listing);
        var families = new List<FamilySnapshot>(probed.Count);
        foreach (var family in probed)
        {
            var f = state.Families.GetValueOrDefault(family) ?? new FamilyState();
            families.Add(new FamilySnapshot(
                family,
                f.Access,
                f.AccessCheckedAt,
                f.LockedUntil is { } until && until > now ? until : null,
                f.ConsecutiveThrottles,
                f.Usage,
                new Dictionary<string, long>(f.ErrorsByKind, StringComparer.Ordinal),
                f.LockedUntil > now ? f.LockKind : null));
        }

        return new CredentialSnapshot(
            state.Descriptor ?? new CredentialDescriptor(id, "…", "", CredentialSource.Environment),
            status,
            reason,
            CredentialStatusPolicy.IsUsable(state, status, allowAwsLogging),
            state.Disabled,
            state.DisabledReason,
            state.Logging,
            state.LoggingCheckedAt,
            families,
            inFlight,
            state.LastUsedAt,
            state.LastError,
            state.LastCheckAt,
            state.NextCheckAt,
            state.Retired);
    }
}
