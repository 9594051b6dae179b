namespace OrleansProxy.Testing.FakeBedrock.Invocation;

/// <summary>
/// The end of one block of a Messages prompt (tools, then system, then messages): the hash of everything up to and
/// including it, without <c>cache_control</c> marks; that prefix's size; and, when the block is marked, the mark's
/// cache lifetime. The cache writes at marks and reads at any block boundary shortly before one (see PromptCache).
/// </summary>
internal sealed record CachePoint(string PrefixHash, int PrefixCharacters, TimeSpan? Ttl)
{
    /// <summary>The block carries <c>cache_control</c>.</summary>
    public bool Marked => Ttl is not null;

    /// <summary>Tokens of the prefix, counted as <see cref="InvocationBody.InputTokens"/> counts the whole prompt.</summary>
    public int PrefixTokens => (PrefixCharacters + 3) / 4;
}
