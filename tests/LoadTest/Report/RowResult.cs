using OrleansProxy.LoadTest.Load;

namespace OrleansProxy.LoadTest.Report;

/// <summary>
/// One target's figures: loaded non-streaming and streaming calls over all rounds, unloaded (one connection)
/// latency, and the warm-up ramp of its fresh process (good answers per second).
/// </summary>
internal sealed record RowResult(
    char Key,
    string Label,
    PhaseResult? Calls,
    PhaseResult? Streams,
    PhaseResult? Unloaded,
    IReadOnlyList<int> Ramp,
    string? Failure = null);
