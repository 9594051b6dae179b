using OrleansProxy.LoadTest.Load;

namespace OrleansProxy.LoadTest.Report;

/// <summary>
/// One target's figures: loaded non-streaming and streaming calls over all rounds, unloaded (one connection)
/// latency, the warm-up ramp of its fresh process (good answers per second), and non-streaming calls at each level of
/// the concurrency sweep (by connections), and the peak resident memory of the proxy process this run started.
/// </summary>
internal sealed record RowResult(
    char Key,
    string Label,
    PhaseResult? Calls,
    PhaseResult? Streams,
    PhaseResult? Unloaded,
    IReadOnlyList<int> Ramp,
    IReadOnlyDictionary<int, PhaseResult> Sweep,
    (string Process, long Bytes)? PeakResident,
    string? Failure = null);
