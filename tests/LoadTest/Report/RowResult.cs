using OrleansProxy.LoadTest.Load;

namespace OrleansProxy.LoadTest.Report;

/// <summary>One target's figures: loaded non-streaming, loaded streaming, and unloaded (one connection) latency.</summary>
internal sealed record RowResult(
    char Key,
    string Label,
    PhaseResult? Calls,
    PhaseResult? Streams,
    PhaseResult? Unloaded,
    string? Failure = null);
