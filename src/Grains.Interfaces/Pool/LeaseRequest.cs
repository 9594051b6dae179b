namespace OrleansProxy.Pool;

/// <summary>A gateway's request for the best credential to call a model with.</summary>
/// <param name="ModelId">The resolved Bedrock model id the client asked for (base or profile id).</param>
/// <param name="Exclude">Credentials already tried for this client request (retries go elsewhere).</param>
/// <param name="Kind">What the lease is for (a CountTokens lease is a pick outside the throttle bookkeeping).</param>
/// <param name="Session">The prompt-cache session the request belongs to, if any: the pool keeps it on one cache scope.</param>
[GenerateSerializer, Immutable, Alias("OrleansProxy.LeaseRequest")]
public sealed record LeaseRequest(
    [property: Id(0)] string ModelId,
    [property: Id(1)] IReadOnlyList<string> Exclude,
    [property: Id(2)] LeaseKind Kind = LeaseKind.Invoke,
    [property: Id(3)] LeaseSession? Session = null);
