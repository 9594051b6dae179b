using OrleansProxy.Gateway.Sessions;
using OrleansProxy.Models;

namespace OrleansProxy.Gateway.Translation;

/// <summary>A validated client request, ready to be signed and sent to Bedrock.</summary>
/// <param name="Dialect">The API the client speaks; answers are translated back to it.</param>
/// <param name="Model">The catalogue model the client asked for.</param>
/// <param name="ClientModelName">The model name exactly as the client sent it, echoed in answers.</param>
/// <param name="Stream">Whether the client asked for a streamed (SSE) answer.</param>
/// <param name="BedrockBody">The InvokeModel body.</param>
/// <param name="UpstreamBody">The shape of <paramref name="BedrockBody"/>, and so of Bedrock's answer.</param>
/// <param name="IncludeUsageInStream">OpenAI <c>stream_options.include_usage</c>: end the stream with a usage chunk.</param>
/// <param name="MaxTokens">The output token cap sent upstream (for admission and accounting).</param>
/// <param name="DroppedBetas">The client's <c>anthropic-beta</c> flags Bedrock does not take for this model, left out.</param>
/// <param name="Session">The prompt-cache session the request belongs to (see <see cref="SessionKeys"/>); null: not pinned.</param>
public sealed record TranslatedRequest(
    ClientDialect Dialect,
    ResolvedModel Model,
    string ClientModelName,
    bool Stream,
    byte[] BedrockBody,
    UpstreamBody UpstreamBody,
    bool IncludeUsageInStream,
    int MaxTokens,
    IReadOnlyList<string>? DroppedBetas = null,
    SessionKey? Session = null)
{
    /// <summary>The client's fields <see cref="FieldPolicy"/> left out for this model (paths such as <c>service_tier</c>).</summary>
    public IReadOnlyList<string>? DroppedFields { get; init; }
}
