using System.Buffers;

namespace OrleansProxy.Gateway.Streaming;

/// <summary>SSE comment lines, which every client ignores but which keep idle connections and proxies from timing out.</summary>
public static class SseComments
{
    /// <summary>The keep-alive comment frame, <c>: keep-alive\n\n</c>.</summary>
    public static ReadOnlySpan<byte> KeepAlive => ": keep-alive\n\n"u8;

    /// <summary>Writes <see cref="KeepAlive"/> (sent while a streaming client waits for a credential).</summary>
    public static void WriteKeepAlive(IBufferWriter<byte> output) => output.Write(KeepAlive);
}
