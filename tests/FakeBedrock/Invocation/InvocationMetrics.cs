using OrleansProxy.Testing.FakeBedrock.Behaviour;

namespace OrleansProxy.Testing.FakeBedrock.Invocation;

/// <summary>What Bedrock reports as <c>amazon-bedrock-invocationMetrics</c> on a stream's last event.</summary>
internal readonly record struct InvocationMetrics(int InputTokens, int OutputTokens, long InvocationLatencyMs, long FirstByteLatencyMs)
{
    /// <summary>Cache counts (<c>cacheReadInputTokenCount</c>, <c>cacheWriteInputTokenCount</c>), when the request marked breakpoints.</summary>
    public (int Read, int Write)? Cache { get; init; }
}
