using System.Buffers;
using System.Text;
using OrleansProxy.Gateway.Streaming;

namespace OrleansProxy.Gateway.Tests.Streaming;

/// <summary>The per-event path is the proxy's hot loop: translating a delta must not allocate.</summary>
public class StreamAllocationTests
{
    public static TheoryData<string> Dialects => new() { "messages", "completion", "openai" };

    [Theory]
    [MemberData(nameof(Dialects))]
    public void OnEvent_TextDeltas_AllocateNothing(string dialect)
    {
        var translator = dialect switch
        {
            "messages" => StreamTranslatorFactory.Messages(),
            "completion" => StreamTranslatorFactory.CompletionFromMessages(),
            _ => StreamTranslatorFactory.OpenAi(includeUsage: true),
        };
        var delta = Encoding.UTF8.GetBytes(StreamSamples.TextDelta2);
        var output = new ReusableBufferWriter();
        translator.OnEvent(Encoding.UTF8.GetBytes(StreamSamples.MessageStart), output);
        translator.OnEvent(delta, output);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            output.Reset();
            translator.OnEvent(delta, output);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(output.Written > 0);
    }

    private sealed class ReusableBufferWriter : IBufferWriter<byte>
    {
        private readonly byte[] _buffer = new byte[64 * 1024];

        public int Written { get; private set; }

        public void Reset() => Written = 0;

        public void Advance(int count) => Written += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => _buffer.AsMemory(Written);

        public Span<byte> GetSpan(int sizeHint = 0) => _buffer.AsSpan(Written);
    }
}
