namespace OrleansProxy.Pool;

/// <summary>The selector's answer: an entry, or the reason there is none and when to retry.</summary>
public readonly record struct Selection(PoolEntry? Entry, NoCredentialReason Reason, TimeSpan RetryAfter);
