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

    private static readonly byte[] BedrockAnswer = Encoding.UTF8.GetBytes(
        """{"id":"msg_bdrk_01XyZ","type":"message","role":"assistant","model":"claude-3-haiku-20240307","content":[{"type":"text","text":"I'm doing well, thank you for asking! How can I help?"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":14,"output_tokens":16}}""");

    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private readonly TranslatedRequest _request =
        RequestTranslator.Parse(ClientDialect.AnthropicMessages, MessagesBody, null, TranslationOptions.Default).Request!;

    /// <summary><see cref="RequestTranslator.Parse"/>: validate the client body, build the Bedrock body.</summary>
    [Benchmark(Baseline = true)]
    public RequestParseResult ParseMessages() =>
        RequestTranslator.Parse(ClientDialect.AnthropicMessages, MessagesBody, null, TranslationOptions.Default);

    /// <summary><see cref="ResponseTranslator.Translate"/> of Bedrock's non-streaming answer.</summary>
    [Benchmark]
    public TranslatedResponse TranslateAnswer() => ResponseTranslator.Translate(_request, BedrockAnswer, "req_0123456789abcdef01234567", Now);
}
