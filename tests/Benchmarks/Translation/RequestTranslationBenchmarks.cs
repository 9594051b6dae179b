using System.Text;
using BenchmarkDotNet.Attributes;
using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Benchmarks.Translation;

/// <summary>The gateway's body work for a small non-streaming Messages call: the request in, the answer out.</summary>
[MemoryDiagnoser]
public class RequestTranslationBenchmarks
{
    private static readonly byte[] MessagesBody = Encoding.UTF8.GetBytes(
        """{"model":"claude-3-haiku-20240307","max_tokens":16,"messages":[{"role":"user","content":"Hello, how are you today?"}]}""");

    // The shape of Claude Code's requests: a trailing system turn, cache marks, a deferred tool, adaptive thinking,
    // context management, effort, metadata; on a 4.5 model the policy translates thinking and drops display.
    private static readonly byte[] ClaudeCodeBody = Encoding.UTF8.GetBytes(
        """{"model":"claude-sonnet-4-5","max_tokens":32000,"stream":true,"messages":[{"role":"user","content":[{"type":"text","text":"say hi"}]},{"role":"system","content":[{"type":"text","text":"# Environment","cache_control":{"type":"ephemeral"}}]}],"system":[{"type":"text","text":"You are Claude Code.","cache_control":{"type":"ephemeral"}}],"tools":[{"name":"Bash","description":"Run a command","input_schema":{"type":"object","properties":{"command":{"type":"string"}}}},{"name":"WebFetch","description":"Fetch","input_schema":{"type":"object"},"defer_loading":true}],"metadata":{"user_id":"{\"device_id\":\"d\",\"session_id\":\"0b6c\"}"},"thinking":{"type":"adaptive","display":"omitted"},"context_management":{"edits":[{"type":"clear_thinking_20251015","keep":"all"}]},"output_config":{"effort":"medium"}}""");

    private const string ClaudeCodeBetas = "claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,effort-2025-11-24,oauth-2025-04-20";

    private static readonly byte[] BedrockAnswer = Encoding.UTF8.GetBytes(
        """{"id":"msg_bdrk_01XyZ","type":"message","role":"assistant","model":"claude-3-haiku-20240307","content":[{"type":"text","text":"I'm doing well, thank you for asking! How can I help?"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":14,"output_tokens":16}}""");

    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private readonly TranslatedRequest _request =
        RequestTranslator.Parse(ClientDialect.AnthropicMessages, MessagesBody, null, TranslationOptions.Default).Request!;

    /// <summary><see cref="RequestTranslator.Parse"/>: validate the client body, build the Bedrock body.</summary>
    [Benchmark(Baseline = true)]
    public RequestParseResult ParseMessages() =>
        RequestTranslator.Parse(ClientDialect.AnthropicMessages, MessagesBody, null, TranslationOptions.Default);

    /// <summary>The same for a Claude Code request: system-turn folding, the beta and field policies, their rewrites.</summary>
    [Benchmark]
    public RequestParseResult ParseClaudeCodeRequest() =>
        RequestTranslator.Parse(ClientDialect.AnthropicMessages, ClaudeCodeBody, ClaudeCodeBetas, TranslationOptions.Default);

    /// <summary><see cref="ResponseTranslator.Translate"/> of Bedrock's non-streaming answer.</summary>
    [Benchmark]
    public TranslatedResponse TranslateAnswer() => ResponseTranslator.Translate(_request, BedrockAnswer, "req_0123456789abcdef01234567", Now);
}
