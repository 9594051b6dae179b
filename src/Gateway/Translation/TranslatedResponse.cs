using OrleansProxy.Gateway.Errors;
using OrleansProxy.Usage;

namespace OrleansProxy.Gateway.Translation;

/// <summary>A non-streaming answer in the client's dialect, with the token counts it reported.</summary>
/// <param name="Body">The JSON body for the client (the error body when <paramref name="Error"/> is set).</param>
/// <param name="InputTokens">Input tokens from the answer's <c>usage</c>; 0 for legacy Text Completions answers,
/// which carry none (Bedrock reports them in the <c>x-amzn-bedrock-input-token-count</c> header).</param>
/// <param name="OutputTokens">Output tokens, likewise.</param>
/// <param name="Error">Set when Bedrock's answer could not be read; answer with its status.</param>
public sealed record TranslatedResponse(byte[] Body, long InputTokens, long OutputTokens, ProxyError? Error = null)
{
    /// <summary>Every count the answer's <c>usage</c> reported, cache reads and writes included.</summary>
    public TokenUsage Tokens { get; init; } = new(InputTokens, OutputTokens);
}
