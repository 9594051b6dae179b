namespace OrleansProxy.Testing.FakeBedrock.Behaviour;

/// <summary>The three texts Bedrock's 429 <c>ThrottlingException</c> comes with.</summary>
public enum FakeThrottleMessage
{
    /// <summary>"Too many requests, please wait before trying again." (request-rate quota).</summary>
    TooManyRequests,

    /// <summary>"Too many tokens, please wait before trying again." (token quota).</summary>
    TooManyTokens,

    /// <summary>"Too many tokens per day, please wait before trying again." (the account's daily token quota).</summary>
    TooManyTokensPerDay,
}
