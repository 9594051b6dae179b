namespace OrleansProxy.Testing.FakeBedrock.Control;

/// <summary>Answer of <c>GET /_fake/stats</c>: requests in flight and per-key counters.</summary>
public sealed record FakeStats(int OpenRequests, IReadOnlyList<KeyStats> Credentials);

/// <summary>Counters of one key.</summary>
/// <param name="CacheReadTokens">Input tokens its answers read from the prompt cache.</param>
/// <param name="CacheWriteTokens">Input tokens its answers wrote to the prompt cache.</param>
public sealed record KeyStats(
    string AccessKeyId, string Region, string? Account, long RequestCount, long SuccessfulInvocations, long CacheReadTokens = 0, long CacheWriteTokens = 0);
