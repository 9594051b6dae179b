namespace OrleansProxy.Models;

/// <summary>The request bodies a Bedrock model id accepts on InvokeModel.</summary>
public enum BodyDialect
{
    /// <summary>Only Anthropic Messages bodies (Claude 3 and later).</summary>
    Messages,

    /// <summary>Legacy Text Completions bodies (<c>prompt</c>/<c>max_tokens_to_sample</c>) and Messages bodies.</summary>
    TextCompletionsAndMessages,
}
