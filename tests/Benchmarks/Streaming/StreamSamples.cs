using System.Text;
using Amazon.Runtime.EventStreams;

namespace OrleansProxy.Benchmarks.Streaming;

/// <summary>
/// A typical short streamed Messages answer as Bedrock sends it: message_start, a text block of twelve word
/// deltas, message_delta and message_stop with Bedrock's invocation metrics, 17 events in all.
/// </summary>
internal static class StreamSamples
{
    private static readonly string[] Words =
        ["I'm", " doing", " well,", " thank", " you", " for", " asking!", " How", " can", " I", " help", " today?"];

    /// <summary>The decoded model events (what a stream translator consumes).</summary>
    public static byte[][] ModelEvents { get; } = BuildEvents();

    /// <summary>The same events as <c>application/vnd.amazon.eventstream</c> frames (what Bedrock puts on the wire).</summary>
    public static byte[] EventStream { get; } = BuildFrames();

    private static byte[][] BuildEvents()
    {
        var events = new List<string>
        {
            """{"type":"message_start","message":{"id":"msg_bdrk_01XyZ","type":"message","role":"assistant","model":"claude-3-haiku-20240307","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":14,"output_tokens":1}}}""",
            """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""",
        };
        events.AddRange(Words.Select(w => $$$"""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"{{{w}}}"}}"""));
        events.Add("""{"type":"content_block_stop","index":0}""");
        events.Add("""{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":12}}""");
        events.Add("""{"type":"message_stop","amazon-bedrock-invocationMetrics":{"inputTokenCount":14,"outputTokenCount":12,"invocationLatency":412,"firstByteLatency":187}}""");
        return [.. events.Select(Encoding.UTF8.GetBytes)];
    }

    private static byte[] BuildFrames()
    {
        var frames = new MemoryStream();
        foreach (var modelEvent in ModelEvents)
        {
            var payload = $$"""{"bytes":"{{Convert.ToBase64String(modelEvent)}}","p":"abcdefghijklmnopqrstuvwxyzABCDEF"}""";
            var headers = new List<IEventStreamHeader>
            {
                Header(":event-type", "chunk"), Header(":content-type", "application/json"), Header(":message-type", "event"),
            };
            frames.Write(new EventStreamMessage(headers, Encoding.UTF8.GetBytes(payload)).ToByteArray());
        }

        return frames.ToArray();
    }

    private static EventStreamHeader Header(string name, string value)
    {
        var header = new EventStreamHeader(name);
        header.SetString(value);
        return header;
    }
}
