using OrleansProxy.Credentials;
using OrleansProxy.Models;
using OrleansProxy.Pool;

namespace OrleansProxy.Benchmarks.Pool;

/// <summary>Builds selectors the size of a real pool: credentials spread over regions, each granted every family.</summary>
internal static class SelectorPools
{
    /// <summary>Where the credentials sit, round-robin.</summary>
    public static readonly string[] Regions = ["us-east-1", "us-west-2", "eu-west-1", "ap-northeast-1"];

    /// <summary>
    /// A selector with <paramref name="count"/> active credentials granted <paramref name="families"/> families of
    /// <see cref="ModelCatalog.Families"/> (all by default; <paramref name="lockedFamily"/> always among them); when
    /// <paramref name="lockOutThird"/>, every third one is throttled on <paramref name="lockedFamily"/> (lockouts are
    /// per family) for an hour from <paramref name="now"/>. With <paramref name="sessions"/>, the selector keeps session pins there. With <paramref name="accountSize"/>, consecutive credentials of
    /// one region belong to one AWS account, that many per account (they share quotas).
    /// </summary>
    public static CredentialSelector Build(
        int count, bool lockOutThird, string lockedFamily, DateTimeOffset now, int? families = null, int? accountSize = null, SessionPins? sessions = null)
    {
        var granted = ModelCatalog.Families.Where(f => f != lockedFamily).Prepend(lockedFamily).Take(families ?? int.MaxValue);
        var access = granted.ToDictionary(f => f, _ => FamilyAccess.Granted, StringComparer.Ordinal);
        var noLockouts = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var lockedOut = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal) { [lockedFamily] = now.AddHours(1) };
        var noUsage = new Dictionary<string, FamilyUsage>(StringComparer.Ordinal);
        var selector = sessions is null ? new CredentialSelector() : new CredentialSelector(sessions);
        for (var i = 0; i < count; i++)
        {
            var id = i.ToString("x12", System.Globalization.CultureInfo.InvariantCulture);
            var quotaGroup = accountSize is { } size ? $"acct-{i % Regions.Length}-{i / Regions.Length / size}" : null;
            var descriptor = new CredentialDescriptor(id, "AKIA…" + id[^4..], Regions[i % Regions.Length], CredentialSource.Environment, quotaGroup);
            var summary = new CredentialSummary(descriptor, 1, CredentialStatus.Active, Usable: true, Disabled: false,
                access, lockOutThird && i % 3 == 0 ? lockedOut : noLockouts, noUsage);
            selector.Upsert(summary, now);
        }

        return selector;
    }
}
