using OrleansProxy.Credentials;

namespace OrleansProxy.Pool.Tests;

/// <summary>Builds credential summaries for selector tests.</summary>
internal static class Summaries
{
    private static long _version;

    public static CredentialSummary Active(
        string id,
        string region = "us-east-1",
        IReadOnlyDictionary<string, DateTimeOffset>? lockedUntil = null,
        CredentialStatus status = CredentialStatus.Active,
        bool usable = true,
        bool disabled = false,
        string? quotaGroup = null,
        params string[] families) =>
        new(
            new CredentialDescriptor(id, "AKIA…" + id[^4..], region, CredentialSource.Environment, quotaGroup),
            Interlocked.Increment(ref _version),
            status,
            usable,
            disabled,
            (families.Length == 0 ? ["claude-3-haiku", "claude-v2"] : families).ToDictionary(f => f, _ => FamilyAccess.Granted),
            lockedUntil ?? new Dictionary<string, DateTimeOffset>(),
            new Dictionary<string, FamilyUsage>());

    public static CredentialSummary With(this CredentialSummary summary, Func<CredentialSummary, CredentialSummary> change) =>
        change(summary) with { Version = Interlocked.Increment(ref _version) };
}
