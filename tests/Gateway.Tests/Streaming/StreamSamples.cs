using System.Buffers;
using System.Text;
using OrleansProxy.Gateway.Streaming;

namespace OrleansProxy.Gateway.Tests.Streaming;

/// <summary>Realistic Bedrock model-event sequences and a driver for stream translators.</summary>
internal static class StreamSamples
{
    public const string MessageStart =
        """{"type":"message_start","message":{"id":"msg_bdrk_01","type":"message","role":"assistant","model":"claude-3-5-sonnet-20241022","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":25,"output_tokens":1}}}""";

    public const string TextBlockStart = """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""";

    public const string TextDelta1 = """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}""";

    public const string TextDelta2 = """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" \"wörld\"\n"}}""";

    public const string TextBlockStop = """{"type":"content_block_stop","index":0}""";

    public const string MessageDelta =
        """{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":12}}""";

    public const string MessageStop =
        """{"type":"message_stop","amazon-bedrock-invocationMetrics":{"inputTokenCount":25,"outputTokenCount":12,"invocationLatency":845,"firstByteLatency":301}}""";

    public static readonly string[] TextAnswer =
        [MessageStart, TextBlockStart, TextDelta1, TextDelta2, TextBlockStop, MessageDelta, MessageStop];

    public static readonly string[] ToolAnswer =
    [
        MessageStart,
        TextBlockStart,
        """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Checking."}}""",
        TextBlockStop,
        """{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01","name":"get_weather","input":{}}}""",
        """{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}""",
        """{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"city\": \"Pa"}}""",
        """{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"ris\"}"}}""",
        """{"type":"content_block_stop","index":1}""",
        """{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":40}}""",
        """{"type":"message_stop","amazon-bedrock-invocationMetrics":{"inputTokenCount":25,"outputTokenCount":40,"invocationLatency":845,"firstByteLatency":301}}""",
    ];

    public static readonly string[] LegacyAnswer =
    [
        """{"completion":" Hello","stop_reason":null,"stop":null}""",
        """{"completion":" \"there\"","stop_reason":null,"stop":null}""",
        """{"completion":"","stop_reason":"stop_sequence","stop":"\n\nHuman:","amazon-bedrock-invocationMetrics":{"inputTokenCount":9,"outputTokenCount":3,"invocationLatency":400,"firstByteLatency":200}}""",
    ];

    /// <summary>Feeds every event, then ends the stream; returns all SSE text written.</summary>
    public static string Run(IStreamTranslator translator, IEnumerable<string> events, bool end = true)
    {
        var output = new ArrayBufferWriter<byte>();
        foreach (var modelEvent in events)
        {
            translator.OnEvent(Encoding.UTF8.GetBytes(modelEvent), output);
        }

        if (end)
        {
            translator.OnEnd(output);
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
