namespace OrleansProxy.Gateway.Translation;

/// <summary>The API a client speaks to the proxy.</summary>
public enum ClientDialect
{
    /// <summary>Anthropic Messages, <c>POST /v1/messages</c>.</summary>
    AnthropicMessages,

    /// <summary>Anthropic's legacy Text Completions, <c>POST /v1/complete</c>.</summary>
    AnthropicTextCompletions,

    /// <summary>OpenAI Chat Completions, <c>POST /v1/chat/completions</c>.</summary>
    OpenAiChat,

    /// <summary>Bedrock's own InvokeModel API at <c>/proxy/aws/bedrock</c>: the body passes through, errors are AWS REST-JSON.</summary>
    BedrockInvoke,
}
