namespace OrleansProxy.Testing.FakeBedrock.Control;

/// <summary>Answer of <c>GET /_fake/stats</c>: requests in flight and per-key counters.</summary>
public sealed record FakeStats(int OpenRequests, IReadOnlyList<KeyStats> Credentials);

/// <summary>Counters of one key.</summary>
public sealed record KeyStats(string AccessKeyId, string Region, string? Account, long RequestCount, long SuccessfulInvocations);
