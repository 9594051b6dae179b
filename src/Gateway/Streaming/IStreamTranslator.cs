using System.Buffers;
using OrleansProxy.Gateway.Errors;

namespace OrleansProxy.Gateway.Streaming;

/// <summary>
/// Turns Bedrock's streamed model events into one client dialect's SSE frames. One instance per request;
/// not thread-safe. Create with <see cref="StreamTranslators.Create"/>.
/// </summary>
public interface IStreamTranslator
{
    /// <summary>Translates one model event (a decoded chunk); writes zero or more SSE frames.</summary>
    void OnEvent(ReadOnlySpan<byte> modelEventJson, IBufferWriter<byte> output);

    /// <summary>Writes a mid-stream error frame. Later events are ignored and <see cref="OnEnd"/> writes nothing:
    /// the caller ends the stream.</summary>
    void OnError(ProxyError error, IBufferWriter<byte> output);

    /// <summary>Writes whatever ends the stream in this dialect (OpenAI's <c>data: [DONE]</c>).</summary>
    void OnEnd(IBufferWriter<byte> output);

    /// <summary>Token counts, stop reason and whether the answer ended properly.</summary>
    StreamUsage Usage { get; }
}
