using OrleansProxy.Testing.FakeBedrock.Behaviour;

namespace OrleansProxy.Testing.FakeBedrock.Control;

/// <summary>A key's current behaviour as the control API shows it. Never carries the secret.</summary>
public sealed record CredentialView(
    string AccessKeyId,
    string Region,
    string? Account,
    FakeLoggingMode Logging,
    bool Revoked,
    bool ThrottleAlways,
    int PendingThrottles,
    FakeThrottleMessage ThrottleMessage,
    bool ThrottleControlPlane,
    FakeCacheUsage? CacheUsage,
    IReadOnlyList<string> DeniedModels,
    IReadOnlyList<string> ModelsNotInRegion,
    double LatencyMs,
    double StreamChunkDelayMs,
    int? StreamChunks,
    FakeMidStreamException? MidStreamException,
    int PendingCuts,
    long RequestCount,
    long SuccessfulInvocations)
{
    public static CredentialView Of(FakeAccount account) => new(
        account.AccessKeyId,
        account.Region,
        account.Account,
        account.Logging,
        account.Revoked,
        account.ThrottleAlways,
        account.PendingThrottles,
        account.ThrottleMessage,
        account.ThrottleControlPlane,
        account.CacheUsage,
        [.. account.DeniedModels.Order(StringComparer.Ordinal)],
        [.. account.ModelsNotInRegion.Order(StringComparer.Ordinal)],
        account.Latency.TotalMilliseconds,
        account.StreamChunkDelay.TotalMilliseconds,
        account.StreamChunks,
        account.MidStreamException,
        account.PendingCuts,
        account.RequestCount,
        account.SuccessfulInvocations);
}
