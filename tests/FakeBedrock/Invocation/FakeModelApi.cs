namespace OrleansProxy.Testing.FakeBedrock.Invocation;

/// <summary>Which Anthropic body dialect an invocation used.</summary>
public enum FakeModelApi
{
    /// <summary><c>anthropic_version</c> + <c>messages</c> (Claude 3 and later; also Claude 2.x and Instant).</summary>
    Messages,

    /// <summary>Legacy <c>prompt</c> + <c>max_tokens_to_sample</c> (Claude 2.x and Instant only).</summary>
    TextCompletions,
}
