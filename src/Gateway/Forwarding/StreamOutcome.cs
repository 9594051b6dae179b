using OrleansProxy.Bedrock;
using OrleansProxy.Usage;

namespace OrleansProxy.Gateway.Forwarding;

/// <summary>How writing an upstream answer to the client ended.</summary>
/// <param name="Tokens">The tokens Bedrock reported (or counted so far), cache reads and writes included.</param>
/// <param name="Error">A Bedrock error met in the stream, if any.</param>
/// <param name="Retry">The error came before any event reached the client, so another credential may answer.</param>
/// <param name="ClientGone">The client disconnected before the end.</param>
public sealed record StreamOutcome(TokenUsage Tokens, BedrockError? Error, bool Retry, bool ClientGone);
