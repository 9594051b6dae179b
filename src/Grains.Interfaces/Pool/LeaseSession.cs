namespace OrleansProxy.Pool;

/// <summary>
/// The prompt-cache session a lease request belongs to: a 128-bit hash (the gateway never sends the session id
/// itself) and how long the pool keeps the session pinned after its last request (the cache's own lifetime).
/// </summary>
/// <param name="High">The hash's upper 64 bits.</param>
/// <param name="Low">The hash's lower 64 bits.</param>
/// <param name="Ttl">Sliding lifetime of the pin: 5 minutes, or 1 hour when the request asked for a 1-hour cache.</param>
[GenerateSerializer, Immutable, Alias("OrleansProxy.LeaseSession")]
public sealed record LeaseSession(
    [property: Id(0)] ulong High,
    [property: Id(1)] ulong Low,
    [property: Id(2)] TimeSpan Ttl)
{
    /// <summary>The hash as one value.</summary>
    public UInt128 Hash => new(High, Low);
}
