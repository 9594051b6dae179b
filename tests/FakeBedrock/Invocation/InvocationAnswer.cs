using OrleansProxy.Testing.FakeBedrock.Behaviour;
using OrleansProxy.Testing.FakeBedrock.Models;

namespace OrleansProxy.Testing.FakeBedrock.Invocation;

/// <summary>What the "model" answers to one invocation, before it is written as JSON or as a stream.</summary>
/// <param name="InputTokens">Input tokens not read from or written to the prompt cache (Bedrock's <c>input_tokens</c>).</param>
internal sealed record InvocationAnswer(FakeModel Model, FakeModelApi Api, string Reply, int InputTokens, int OutputTokens)
{
    /// <summary>The request marked cache breakpoints: the answer reports cache reads and writes (zero or not).</summary>
    public bool ReportsCache { get; init; }

    /// <summary>Input tokens read from the prompt cache.</summary>
    public int CacheReadTokens { get; init; }

    /// <summary>Input tokens written to the prompt cache.</summary>
    public int CacheWriteTokens { get; init; }

    /// <summary>The usage object's token counts.</summary>
    public TokenUsage Usage => new(InputTokens, OutputTokens, ReportsCache, CacheReadTokens, CacheWriteTokens);
}

/// <summary>Token counts of an answer; the cache counts are written only when <paramref name="ReportsCache"/>.</summary>
internal readonly record struct TokenUsage(int InputTokens, int OutputTokens, bool ReportsCache, int CacheReadTokens, int CacheWriteTokens);
