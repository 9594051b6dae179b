namespace OrleansProxy.Pool;

/// <summary>The pool's answer: a lease, or why there is none and when to ask again.</summary>
[GenerateSerializer, Immutable, Alias("OrleansProxy.LeaseResult")]
public sealed record LeaseResult(
    [property: Id(0)] Lease? Lease,
    [property: Id(1)] NoCredentialReason Reason,
    [property: Id(2)] TimeSpan RetryAfter)
{
    /// <summary>Whether waiting can help (throttled or still checking) rather than a configuration problem.</summary>
    public bool IsTransient => Reason is NoCredentialReason.AllThrottled or NoCredentialReason.StillChecking;

    /// <summary>A granted lease.</summary>
    public static LeaseResult Granted(Lease lease) => new(lease, NoCredentialReason.None, TimeSpan.Zero);

    /// <summary>No lease, with the reason and a retry hint.</summary>
    public static LeaseResult Unavailable(NoCredentialReason reason, TimeSpan retryAfter) => new(null, reason, retryAfter);
}
