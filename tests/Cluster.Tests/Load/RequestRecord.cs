namespace OrleansProxy.Cluster.Tests.Load;

/// <summary>One client request of a load run.</summary>
/// <param name="Gateway">Index of the gateway it was sent to.</param>
/// <param name="Started">When it started, since the run began.</param>
/// <param name="Duration">How long until the whole answer was read (or the failure).</param>
/// <param name="Status">HTTP status, 0 when no answer came (connection refused or reset).</param>
/// <param name="Ok">A 200 with a complete answer in the expected shape.</param>
/// <param name="Stream">Whether it asked for a streamed (SSE) answer.</param>
/// <param name="Error">What went wrong, for the drill's figures.</param>
public sealed record RequestRecord(int Gateway, TimeSpan Started, TimeSpan Duration, int Status, bool Ok, bool Stream, string? Error)
{
    /// <summary>When it finished, since the run began.</summary>
    public TimeSpan Ended => Started + Duration;
}
