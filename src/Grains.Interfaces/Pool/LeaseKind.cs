namespace OrleansProxy.Pool;

/// <summary>What a lease is for, which decides whether it counts in the pool's throttle bookkeeping.</summary>
public enum LeaseKind
{
    /// <summary>An InvokeModel call: counts as in-flight load until reported or expired.</summary>
    Invoke,

    /// <summary>
    /// A CountTokens call: free, so it picks a credential the same way (privacy rule, access, region, invoke lockouts)
    /// but takes no in-flight slot and no lease record; CountTokens throttles lock a credential out of counting only.
    /// </summary>
    CountTokens,
}
