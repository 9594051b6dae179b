using System.Buffers;
using System.Text;
using OrleansProxy.Gateway.Streaming;
using OrleansProxy.Gateway.Tests.Translation;
using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.Tests.Streaming;

/// <summary>Upstream bytes are not trusted either: mangled events and answers must never throw.</summary>
public class StreamRobustnessTests
{
    [Fact]
    public void StreamTranslators_RandomlyCorruptedEvents_NeverThrow()
    {
        var random = new Random(7);
        var events = StreamSamples.ToolAnswer.Concat(StreamSamples.TextAnswer).Concat(StreamSamples.LegacyAnswer)
            .Select(Encoding.UTF8.GetBytes).ToArray();
        var interesting = "{}[]\",:\\0123456789.-eE tfn"u8.ToArray();
        for (var round = 0; round < 400; round++)
        {
            foreach (var translator in Translators())
            {
                var output = new ArrayBufferWriter<byte>();
                foreach (var original in events)
                {
                    var modelEvent = (byte[])original.Clone();
                    modelEvent[random.Next(modelEvent.Length)] = random.Next(3) == 0
                        ? (byte)random.Next(256)
                        : interesting[random.Next(interesting.Length)];
                    translator.OnEvent(modelEvent, output);
                }

                translator.OnEnd(output);
                _ = translator.Usage;
            }
        }
    }

    [Fact]
    public void ResponseTranslator_RandomlyCorruptedAnswers_NeverThrow()
    {
        var random = new Random(11);
        var answer = Encoding.UTF8.GetBytes(
            """{"id":"m","content":[{"type":"text","text":"a\"b"},{"type":"tool_use","id":"t","name":"f","input":{"x":[1,{"y":null}]}}],"stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":3,"output_tokens":4}}""");
        var requests = new[]
        {
            Requests.Ok(ClientDialect.AnthropicMessages, RequestValidationTests.BodyFor(ClientDialect.AnthropicMessages, "claude-3-haiku")),
            Requests.Ok(ClientDialect.AnthropicTextCompletions, RequestValidationTests.BodyFor(ClientDialect.AnthropicTextCompletions, "claude-3-haiku")),
            Requests.Ok(ClientDialect.AnthropicTextCompletions, RequestValidationTests.BodyFor(ClientDialect.AnthropicTextCompletions, "claude-2.1")),
            Requests.Ok(ClientDialect.OpenAiChat, RequestValidationTests.BodyFor(ClientDialect.OpenAiChat, "claude-3-haiku")),
        };
        for (var round = 0; round < 2000; round++)
        {
            var mangled = (byte[])answer.Clone();
            mangled[random.Next(mangled.Length)] = (byte)"{}[]\",:\\0x"[random.Next(10)];
            foreach (var request in requests)
            {
                var response = ResponseTranslator.Translate(request, mangled, "r", StreamTranslatorFactory.Now);
                Assert.True(response.Error is null || response.Error.StatusCode == 502);
            }
        }
    }

    private static IStreamTranslator[] Translators() =>
    [
        StreamTranslatorFactory.Messages(),
        StreamTranslatorFactory.LegacyCompletion(),
        StreamTranslatorFactory.CompletionFromMessages(),
        StreamTranslatorFactory.OpenAi(includeUsage: true),
    ];
}
