using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Amazon.Runtime.EventStreams;
using OrleansProxy.Bedrock;

namespace OrleansProxy.Gateway.Streaming;

/// <summary>Interprets decoded event-stream frames as Bedrock's InvokeModelWithResponseStream defines them.</summary>
internal static class EventStreamFrames
{
    /// <summary>Size of a frame on the wire: prelude (12), headers, payload, message CRC (4).</summary>
    public static long WireLength(EventStreamMessage message)
    {
        long length = 16 + (message.Payload?.Length ?? 0);
        if (message.Headers is { } headers)
        {
            foreach (var header in headers.Values)
            {
                length += header.GetWireSize();
            }
        }

        return length;
    }

    /// <summary>The event a frame stands for, or null for frames the proxy has no use for (future event types).</summary>
    public static BedrockStreamEvent? ToEvent(EventStreamMessage message)
    {
        var messageType = Header(message, ":message-type") ?? "event";
        switch (messageType)
        {
            case "event":
                return Header(message, ":event-type") == "chunk" ? FromChunk(message.Payload) : null;
            case "exception":
                return BedrockStreamEvent.FromException(
                    BedrockError.FromStreamException(Header(message, ":exception-type") ?? "", ReadMessage(message.Payload)));
            case "error":
                // The generic event-stream error form: the code and text travel in headers.
                return BedrockStreamEvent.FromException(
                    BedrockError.FromStreamException(Header(message, ":error-code") ?? "", Header(message, ":error-message")));
            default:
                return null;
        }
    }

    private static string? Header(EventStreamMessage message, string name) =>
        message.Headers is { } headers && headers.TryGetValue(name, out var header) && header.HeaderType == EventStreamHeaderType.String
            ? header.AsString()
            : null;

    /// <summary>
    /// Chunk payloads are <c>{"bytes":"&lt;base64 model event&gt;","p":"&lt;padding&gt;"}</c>. The base64 text is
    /// decoded in place inside the payload array, which belongs to this frame alone: no copy, no allocation.
    /// </summary>
    private static BedrockStreamEvent FromChunk(byte[]? payload)
    {
        if (payload is null || payload.Length == 0)
        {
            return BedrockStreamEvent.FromFailure("a chunk frame had no payload");
        }

        try
        {
            var reader = new Utf8JsonReader(payload);
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals("bytes"u8))
                {
                    reader.Read();
                    reader.Skip();
                    continue;
                }

                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    break;
                }

                if (reader.ValueIsEscaped)
                {
                    return BedrockStreamEvent.FromChunk(reader.GetBytesFromBase64());
                }

                var start = (int)reader.TokenStartIndex + 1;
                var status = Base64.DecodeFromUtf8InPlace(payload.AsSpan(start, reader.ValueSpan.Length), out var written);
                return status == System.Buffers.OperationStatus.Done
                    ? BedrockStreamEvent.FromChunk(payload.AsMemory(start, written))
                    : BedrockStreamEvent.FromFailure("a chunk's bytes were not valid base64");
            }
        }
        catch (Exception exception) when (exception is JsonException or FormatException)
        {
            return BedrockStreamEvent.FromFailure("a chunk payload was not readable JSON");
        }

        return BedrockStreamEvent.FromFailure("a chunk payload had no bytes");
    }

    private static string? ReadMessage(byte[]? payload)
    {
        if (payload is null || payload.Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message"u8, out var message)
                && message.ValueKind == JsonValueKind.String
                ? message.GetString()
                : null;
        }
        catch (JsonException)
        {
            // Not JSON: pass the text on (it is capped and sanitised where it reaches a client).
            return Encoding.UTF8.GetString(payload);
        }
    }
}
