using OrleansProxy.Pool;

namespace OrleansProxy.Gateway.Forwarding;

/// <summary>The outcome of waiting for a credential.</summary>
/// <param name="Lease">The lease, when one was granted.</param>
/// <param name="Reason">Why there is none.</param>
/// <param name="QueueFull">The gateway's wait queue was full, so the request did not wait.</param>
/// <param name="Waited">How long the request waited.</param>
/// <param name="RetryAfter">When there is none: the pool's estimate of when one may be free (the soonest lockout end), zero when it has none.</param>
public sealed record LeaseAttempt(Lease? Lease, NoCredentialReason Reason, bool QueueFull, TimeSpan Waited, TimeSpan RetryAfter = default);
