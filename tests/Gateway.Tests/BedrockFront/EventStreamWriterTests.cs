using System.Text;
using System.Text.Json;
using Amazon.Runtime.EventStreams;
using Amazon.Runtime.EventStreams.Internal;
using OrleansProxy.Gateway.BedrockFront;
using OrleansProxy.Gateway.Errors;

namespace OrleansProxy.Gateway.Tests.BedrockFront;

/// <summary>The front door's event-stream frames, checked against AWSSDK.Core's own encoder and decoder.</summary>
public sealed class EventStreamWriterTests
{
    [Fact]
    public void ChunkFrame_DecodesWithAwsDecoder_AndABitFlipFailsItsCrc()
    {
        const string modelEvent = """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"héllo"}}""";
        var output = new System.Buffers.ArrayBufferWriter<byte>();

        EventStreamWriter.WriteChunk(Encoding.UTF8.GetBytes(modelEvent), output);
        var frame = output.WrittenSpan.ToArray();

        var decoded = EventStreamMessage.FromBuffer(frame, 0, frame.Length);
        Assert.Equal("chunk", decoded.Headers[":event-type"].AsString());
        Assert.Equal("event", decoded.Headers[":message-type"].AsString());
        Assert.Equal(modelEvent, FrontDoor.ChunkEvent(decoded).GetRawText());
        frame[^10] ^= 0x01;
        using var decoder = new EventStreamDecoder();
        Assert.ThrowsAny<EventStreamChecksumFailureException>(() => decoder.ProcessData(frame, 0, frame.Length));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(50)]
    [InlineData(70_000)]
    public void ChunkFrame_IsByteForByteWhatAwsSdkCoresEncoderWrites(int textLength)
    {
        // Three text lengths in a row cover the three base64 tails (no padding, '=', '==').
        var modelEvent = Encoding.UTF8.GetBytes(
            $$$"""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"{{{new string('é', textLength)}}}"}}""");
        var output = new System.Buffers.ArrayBufferWriter<byte>();

        EventStreamWriter.WriteChunk(modelEvent, output);

        var headers = new List<IEventStreamHeader>();
        foreach (var (name, value) in new[] { (":event-type", "chunk"), (":content-type", "application/json"), (":message-type", "event") })
        {
            var header = new EventStreamHeader(name);
            header.SetString(value);
            headers.Add(header);
        }

        var payload = Encoding.UTF8.GetBytes("{\"bytes\":\"" + Convert.ToBase64String(modelEvent) + "\"}");
        Assert.Equal(new EventStreamMessage(headers, payload).ToByteArray(), output.WrittenSpan.ToArray());
    }

    [Fact]
    public async Task ChunkFrames_WrittenIntoAPipeWithSmallSegments_DecodeInOrder()
    {
        var pipe = new System.IO.Pipelines.Pipe(new System.IO.Pipelines.PipeOptions(minimumSegmentSize: 256, pauseWriterThreshold: 0));
        var events = Enumerable.Range(0, 40)
            .Select(i => $$$"""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"{{{new string('x', i * 37)}}}"}}""")
            .ToList();

        foreach (var modelEvent in events)
        {
            EventStreamWriter.WriteChunk(Encoding.UTF8.GetBytes(modelEvent), pipe.Writer);
        }

        await pipe.Writer.CompleteAsync();
        using var body = new MemoryStream();
        await pipe.Reader.CopyToAsync(body);
        var frames = FrontDoor.DecodeFrames(body.ToArray());
        Assert.Equal(events, frames.Select(f => FrontDoor.ChunkEvent(f).GetRawText()));
    }

    [Fact]
    public void ExceptionFrame_DecodesWithAwsDecoder_AndABitFlipFailsItsCrc()
    {
        var frame = EventStreamWriter.Exception(new ProxyError(429, ErrorTypes.RateLimit, "slow down"));

        Assert.Single(FrontDoor.DecodeFrames(frame));
        frame[^6] ^= 0x20;
        using var decoder = new EventStreamDecoder();
        Assert.ThrowsAny<EventStreamChecksumFailureException>(() => decoder.ProcessData(frame, 0, frame.Length));
    }

    [Theory]
    [InlineData(ErrorTypes.RateLimit, 429, "throttlingException")]
    [InlineData(ErrorTypes.InvalidRequest, 400, "validationException")]
    [InlineData(ErrorTypes.Api, 504, "modelTimeoutException")]
    [InlineData(ErrorTypes.Overloaded, 529, "serviceUnavailableException")]
    [InlineData(ErrorTypes.Api, 502, "internalServerException")]
    public void ExceptionFrame_IsTypedAsAResponseStreamMember(string type, int status, string exceptionType)
    {
        var frame = EventStreamWriter.Exception(new ProxyError(status, type, "went wrong"));

        var decoded = EventStreamMessage.FromBuffer(frame, 0, frame.Length);
        Assert.Equal("exception", decoded.Headers[":message-type"].AsString());
        Assert.Equal(exceptionType, decoded.Headers[":exception-type"].AsString());
        using var payload = JsonDocument.Parse(decoded.Payload);
        Assert.Equal("went wrong", payload.RootElement.GetProperty("message").GetString());
    }
}
