namespace OrleansProxy.Gateway.Translation;

/// <summary>Which body shape the proxy sends to Bedrock's InvokeModel.</summary>
public enum UpstreamBody
{
    /// <summary>An Anthropic Messages body (<c>anthropic_version: bedrock-2023-05-31</c>).</summary>
    Messages,

    /// <summary>A legacy Text Completions body (<c>prompt</c>, <c>max_tokens_to_sample</c>); Claude 2.x and Instant only.</summary>
    TextCompletions,
}
