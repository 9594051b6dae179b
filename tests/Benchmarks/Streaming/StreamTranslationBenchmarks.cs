using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using OrleansProxy.Gateway.Streaming;
using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Benchmarks.Streaming;

/// <summary>
/// The gateway's per-stream work for a streamed Messages call (17 events, see <see cref="StreamSamples"/>): Anthropic
/// SSE out of decoded events, and the whole path from Bedrock's event-stream bytes.
/// </summary>
[MemoryDiagnoser]
public class StreamTranslationBenchmarks
{
    private static readonly byte[] StreamingBody = Encoding.UTF8.GetBytes(
        """{"model":"claude-3-haiku-20240307","max_tokens":16,"stream":true,"messages":[{"role":"user","content":"Hello, how are you today?"}]}""");

    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private readonly TranslatedRequest _request =
        RequestTranslator.Parse(ClientDialect.AnthropicMessages, StreamingBody, null, TranslationOptions.Default).Request!;

    private readonly ArrayBufferWriter<byte> _output = new(8 * 1024);

    /// <summary>Model events → Anthropic SSE frames (translator created per stream, as the gateway does).</summary>
    [Benchmark(Baseline = true)]
    public int TranslateEvents()
    {
        _output.ResetWrittenCount();
        var translator = StreamTranslators.Create(_request, "req_0123456789abcdef01234567", Now);
        foreach (var modelEvent in StreamSamples.ModelEvents)
        {
            translator.OnEvent(modelEvent, _output);
        }

        translator.OnEnd(_output);
        return _output.WrittenCount;
    }

    /// <summary>Event-stream bytes → decoded chunks (AWSSDK.Core's decoder) → Anthropic SSE frames.</summary>
    [Benchmark]
    public async Task<int> DecodeAndTranslate()
    {
        _output.ResetWrittenCount();
        var translator = StreamTranslators.Create(_request, "req_0123456789abcdef01234567", Now);
        using var body = new MemoryStream(StreamSamples.EventStream, writable: false);
        await foreach (var streamEvent in BedrockEventStreamReader.ReadAsync(body, CancellationToken.None))
        {
            translator.OnEvent(streamEvent.Chunk.Span, _output);
        }

        translator.OnEnd(_output);
        return _output.WrittenCount;
    }
}
