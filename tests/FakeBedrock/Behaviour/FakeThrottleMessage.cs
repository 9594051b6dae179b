namespace OrleansProxy.Testing.FakeBedrock.Behaviour;

/// <summary>The two texts Bedrock's 429 <c>ThrottlingException</c> comes with.</summary>
public enum FakeThrottleMessage
{
    /// <summary>"Too many requests, please wait before trying again." (request-rate quota).</summary>
    TooManyRequests,

    /// <summary>"Too many tokens, please wait before trying again." (token quota).</summary>
    TooManyTokens,
}
