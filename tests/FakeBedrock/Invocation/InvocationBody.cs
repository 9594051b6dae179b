namespace OrleansProxy.Testing.FakeBedrock.Invocation;

/// <summary>A validated request body: its dialect, the text of the last user turn and the prompt size in characters.</summary>
internal sealed record InvocationBody(FakeModelApi Api, string LastUserText, int PromptCharacters)
{
    /// <summary>Deterministic input token count: one token per four prompt characters, rounded up, at least one.</summary>
    public int InputTokens => Math.Max(1, (PromptCharacters + 3) / 4);
}
