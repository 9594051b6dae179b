using System.Text.Json;
using OrleansProxy.Testing.FakeBedrock.Json;

namespace OrleansProxy.Testing.FakeBedrock.Invocation;

/// <summary>Small helper to write one JSON document to bytes with the fake's writer settings.</summary>
internal static class ModelEventJson
{
    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(buffer, FakeJson.WriterOptions))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static void WriteMetrics(Utf8JsonWriter writer, InvocationMetrics metrics)
    {
        writer.WriteStartObject("amazon-bedrock-invocationMetrics");
        writer.WriteNumber("inputTokenCount", metrics.InputTokens);
        writer.WriteNumber("outputTokenCount", metrics.OutputTokens);
        writer.WriteNumber("invocationLatency", metrics.InvocationLatencyMs);
        writer.WriteNumber("firstByteLatency", metrics.FirstByteLatencyMs);
        if (metrics.Cache is { } cache)
        {
            writer.WriteNumber("cacheReadInputTokenCount", cache.Read);
            writer.WriteNumber("cacheWriteInputTokenCount", cache.Write);
        }

        writer.WriteEndObject();
    }
}
