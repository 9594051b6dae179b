using System.Text;
using Amazon.Runtime.EventStreams;

namespace OrleansProxy.Gateway.Tests.Streaming;

/// <summary>Builds Bedrock event-stream frames with AWSSDK.Core's own encoder.</summary>
internal static class EventStreamFrameBuilder
{
    public static byte[] Chunk(string modelEventJson, string padding = "abcdefghijklmnop")
    {
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(modelEventJson));
        var payload = $$"""{"bytes":"{{base64}}","p":"{{padding}}"}""";
        return Frame(Encoding.UTF8.GetBytes(payload), (":event-type", "chunk"), (":content-type", "application/json"), (":message-type", "event"));
    }

    public static byte[] Exception(string exceptionType, string message) =>
        Frame(Encoding.UTF8.GetBytes($$"""{"message":"{{message}}"}"""),
            (":exception-type", exceptionType), (":content-type", "application/json"), (":message-type", "exception"));

    public static byte[] Frame(byte[] payload, params (string Name, string Value)[] headers)
    {
        var list = new List<IEventStreamHeader>();
        foreach (var (name, value) in headers)
        {
            var header = new EventStreamHeader(name);
            header.SetString(value);
            list.Add(header);
        }

        return new EventStreamMessage(list, payload).ToByteArray();
    }

    public static byte[] Concat(params byte[][] frames) => frames.SelectMany(frame => frame).ToArray();
}
