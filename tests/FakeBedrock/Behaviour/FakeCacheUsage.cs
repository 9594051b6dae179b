namespace OrleansProxy.Testing.FakeBedrock.Behaviour;

/// <summary>
/// Prompt-cache counts a key's Messages answers report (see <see cref="FakeAccount.CacheUsage"/>), where Bedrock puts
/// them: the answer's and <c>message_start</c>'s <c>usage</c> (<c>cache_read_input_tokens</c>,
/// <c>cache_creation_input_tokens</c>), the stream's <c>amazon-bedrock-invocationMetrics</c>
/// (<c>cacheReadInputTokenCount</c>, <c>cacheWriteInputTokenCount</c>) and the plain answer's
/// <c>x-amzn-bedrock-cache-read-input-token-count</c> / <c>-cache-write-</c> headers.
/// </summary>
/// <param name="ReadTokens">Input tokens read from the cache.</param>
/// <param name="WriteTokens">Input tokens written to the cache.</param>
public sealed record FakeCacheUsage(int ReadTokens, int WriteTokens);
