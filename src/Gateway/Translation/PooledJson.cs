using System.Text.Json;

namespace OrleansProxy.Gateway.Translation;

/// <summary>A <see cref="Utf8JsonWriter"/> over a pooled buffer, for building one JSON document into an exact-size array.</summary>
internal sealed class PooledJson : IDisposable
{
    private readonly PooledBufferWriter _buffer;

    public PooledJson(int sizeHint)
    {
        _buffer = new PooledBufferWriter(sizeHint);
        Writer = new Utf8JsonWriter(_buffer, JsonOutput.WriterOptions);
    }

    public Utf8JsonWriter Writer { get; }

    public byte[] ToArray()
    {
        Writer.Flush();
        return _buffer.WrittenSpan.ToArray();
    }

    public void Dispose()
    {
        Writer.Dispose();
        _buffer.Dispose();
    }
}
