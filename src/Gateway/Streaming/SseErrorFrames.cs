using System.Buffers;
using System.Text.Json;
using OrleansProxy.Gateway.Errors;
using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.Streaming;

/// <summary>Error frames sent when a stream fails after the 200 status has gone out.</summary>
internal static class SseErrorFrames
{
    /// <summary>Anthropic's form: <c>event: error\ndata: {"type":"error","error":{…}}\n\n</c>.</summary>
    public static void WriteAnthropic(IBufferWriter<byte> output, ProxyError error)
    {
        output.Write("event: error\ndata: "u8);
        using (var writer = new Utf8JsonWriter(output, JsonOutput.WriterOptions))
        {
            ErrorBodies.WriteAnthropic(writer, error);
        }

        output.Write("\n\n"u8);
    }

    /// <summary>OpenAI's form: a data line holding an <c>{"error":{…}}</c> object, which its SDKs raise as an API error.</summary>
    public static void WriteOpenAi(IBufferWriter<byte> output, ProxyError error)
    {
        output.Write("data: "u8);
        using (var writer = new Utf8JsonWriter(output, JsonOutput.WriterOptions))
        {
            ErrorBodies.WriteOpenAi(writer, error);
        }

        output.Write("\n\n"u8);
    }
}
