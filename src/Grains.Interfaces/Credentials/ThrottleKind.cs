namespace OrleansProxy.Credentials;

/// <summary>Which of Bedrock's quotas a <c>ThrottlingException</c> says ran out; each wants a different lockout.</summary>
public enum ThrottleKind
{
    /// <summary>"Too many requests, please wait before trying again.": requests per minute.</summary>
    Requests,

    /// <summary>"Too many tokens, please wait before trying again.": tokens per minute.</summary>
    Tokens,

    /// <summary>"Too many tokens per day…": the account's daily token quota, spent until the quota resets.</summary>
    DailyQuota,

    /// <summary>A throttle with any other text; treated like a per-minute one.</summary>
    Other,
}
