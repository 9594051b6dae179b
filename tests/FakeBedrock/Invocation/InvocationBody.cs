namespace OrleansProxy.Testing.FakeBedrock.Invocation;

/// <summary>
/// A validated request body: its dialect, the text of the last user turn, the prompt size in characters (tools, system
/// and message text) and its prompt-cache breakpoints.
/// </summary>
internal sealed record InvocationBody(FakeModelApi Api, string LastUserText, int PromptCharacters)
{
    /// <summary>Deterministic input token count: one token per four prompt characters, rounded up, at least one.</summary>
    public int InputTokens => Math.Max(1, (PromptCharacters + 3) / 4);

    /// <summary>The prompt's block boundaries, in order, when some block carries <c>cache_control</c> (Messages only); else empty.</summary>
    public IReadOnlyList<CachePoint> CachePoints { get; init; } = [];

    /// <summary>How many blocks carry <c>cache_control</c>.</summary>
    public int CacheMarks => CachePoints.Count(p => p.Marked);
}
