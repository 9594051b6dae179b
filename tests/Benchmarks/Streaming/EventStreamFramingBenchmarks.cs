using System.Buffers;
using System.Buffers.Text;
using Amazon.Runtime.EventStreams;
using BenchmarkDotNet.Attributes;
using OrleansProxy.Gateway.BedrockFront;

namespace OrleansProxy.Benchmarks.Streaming;

/// <summary>
/// The Bedrock front door's stream framing, per chunk frame (the 17 model events of <see cref="StreamSamples"/>, one
/// frame each): the writer the gateway uses now (frame written straight into the output buffer) against the one it
/// replaced (payload array + header list + AWSSDK.Core <c>EventStreamMessage.ToByteArray()</c> per frame), kept here
/// verbatim as the baseline.
/// </summary>
[MemoryDiagnoser]
public class EventStreamFramingBenchmarks
{
    private const int Frames = 17;

    private readonly ArrayBufferWriter<byte> _output = new(16 * 1024);

    [GlobalSetup]
    public void Setup()
    {
        if (StreamSamples.ModelEvents.Length != Frames)
        {
            throw new InvalidOperationException($"StreamSamples has {StreamSamples.ModelEvents.Length} events, not {Frames}.");
        }
    }

    /// <summary>The replaced path: AWSSDK.Core's encoder, an array per payload and per frame.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Frames)]
    public int SdkEncoderPerFrame()
    {
        _output.ResetWrittenCount();
        foreach (var modelEvent in StreamSamples.ModelEvents)
        {
            SdkEncoderFraming.WriteChunk(modelEvent, _output);
        }

        return _output.WrittenCount;
    }

    /// <summary>The gateway's path: <see cref="EventStreamWriter.WriteChunk"/>, straight into the buffer.</summary>
    [Benchmark(OperationsPerInvoke = Frames)]
    public int DirectIntoBuffer()
    {
        _output.ResetWrittenCount();
        foreach (var modelEvent in StreamSamples.ModelEvents)
        {
            EventStreamWriter.WriteChunk(modelEvent, _output);
        }

        return _output.WrittenCount;
    }

    /// <summary>The gateway's chunk writer before commit "Front door streams: frames straight into the response buffer".</summary>
    private static class SdkEncoderFraming
    {
        private static ReadOnlySpan<byte> ChunkStart => "{\"bytes\":\""u8;

        private static ReadOnlySpan<byte> ChunkEnd => "\"}"u8;

        public static void WriteChunk(ReadOnlySpan<byte> modelEventJson, IBufferWriter<byte> output)
        {
            var payload = new byte[ChunkStart.Length + Base64.GetMaxEncodedToUtf8Length(modelEventJson.Length) + ChunkEnd.Length];
            ChunkStart.CopyTo(payload);
            Base64.EncodeToUtf8(modelEventJson, payload.AsSpan(ChunkStart.Length), out _, out var written);
            ChunkEnd.CopyTo(payload.AsSpan(ChunkStart.Length + written));
            output.Write(Frame(payload, (":event-type", "chunk"), (":content-type", "application/json"), (":message-type", "event")));
        }

        private static byte[] Frame(byte[] payload, params ReadOnlySpan<(string Name, string Value)> headers)
        {
            var list = new List<IEventStreamHeader>(headers.Length);
            foreach (var (name, value) in headers)
            {
                var header = new EventStreamHeader(name);
                header.SetString(value);
                list.Add(header);
            }

            return new EventStreamMessage(list, payload).ToByteArray();
        }
    }
}
