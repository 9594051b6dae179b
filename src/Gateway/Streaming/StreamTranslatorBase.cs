using System.Buffers;
using System.Text.Json;
using OrleansProxy.Gateway.Errors;

namespace OrleansProxy.Gateway.Streaming;

/// <summary>The part every dialect shares: read the event once, track usage, stop cleanly after an error.</summary>
internal abstract class StreamTranslatorBase : IStreamTranslator
{
    private readonly UsageTracker _usage = new();
    private bool _stopped;

    public StreamUsage Usage => _usage.Usage;

    public void OnEvent(ReadOnlySpan<byte> modelEventJson, IBufferWriter<byte> output)
    {
        if (_stopped)
        {
            return;
        }

        ModelEvent modelEvent;
        try
        {
            modelEvent = ModelEventReader.Read(modelEventJson);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            OnError(ProxyError.BadUpstream("Bedrock sent a stream event the proxy could not read."), output);
            return;
        }

        _usage.Observe(modelEvent, modelEventJson);
        Translate(modelEvent, modelEventJson, output);
    }

    public void OnError(ProxyError error, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (!_stopped)
        {
            _stopped = true;
            WriteError(error, output);
        }
    }

    public void OnEnd(IBufferWriter<byte> output)
    {
        if (!_stopped)
        {
            _stopped = true;
            WriteEnd(output);
        }
    }

    protected abstract void Translate(in ModelEvent modelEvent, ReadOnlySpan<byte> json, IBufferWriter<byte> output);

    protected abstract void WriteError(ProxyError error, IBufferWriter<byte> output);

    protected virtual void WriteEnd(IBufferWriter<byte> output)
    {
    }
}
