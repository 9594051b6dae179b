namespace OrleansProxy.Users;

/// <summary>A quota and where it stands.</summary>
[GenerateSerializer, Immutable, Alias("OrleansProxy.QuotaStatus")]
public sealed record QuotaStatus(
    [property: Id(0)] TokenQuota Quota,
    [property: Id(1)] long Used,
    [property: Id(2)] DateTimeOffset? ResetsAt)
{
    /// <summary>Tokens left in the period (zero when spent).</summary>
    public long Left => Math.Max(0, Quota.Tokens - Used);
}