using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace OrleansProxy.Gateway.Translation;

/// <summary>Writes the converted OpenAI conversation as Messages <c>system</c> and <c>messages</c>.</summary>
internal static class ChatTurnWriter
{
    /// <summary>
    /// Writes the system and developer texts as one string joined by blank lines. Escaped JSON string contents
    /// concatenate into a valid escaped string, so the texts are joined as bytes, never decoded.
    /// </summary>
    public static void WriteSystem(Utf8JsonWriter writer, List<ChatBlock> system)
    {
        if (system.Count == 0)
        {
            return;
        }

        var length = 2;
        foreach (var block in system)
        {
            length += JsonMarshal.GetRawUtf8Value(block.First).Length + 2;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var position = 0;
            buffer[position++] = (byte)'"';
            foreach (var block in system)
            {
                if (position > 1)
                {
                    "\\n\\n"u8.CopyTo(buffer.AsSpan(position));
                    position += 4;
                }

                var raw = JsonMarshal.GetRawUtf8Value(block.First);
                raw[1..^1].CopyTo(buffer.AsSpan(position));
                position += raw.Length - 2;
            }

            buffer[position++] = (byte)'"';
            writer.WritePropertyName("system"u8);
            writer.WriteRawValue(buffer.AsSpan(0, position), skipInputValidation: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static void WriteMessages(Utf8JsonWriter writer, List<ChatTurn> turns)
    {
        writer.WriteStartArray("messages"u8);
        foreach (var turn in turns)
        {
            writer.WriteStartObject();
            writer.WriteString("role"u8, turn.IsUser ? "user"u8 : "assistant"u8);
            writer.WriteStartArray("content"u8);
            // Messages wants a user turn's tool_result blocks ahead of any other content.
            foreach (var block in turn.Blocks)
            {
                if (block.Kind == ChatBlockKind.ToolResult)
                {
                    WriteBlock(writer, block);
                }
            }

            foreach (var block in turn.Blocks)
            {
                if (block.Kind != ChatBlockKind.ToolResult)
                {
                    WriteBlock(writer, block);
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteBlock(Utf8JsonWriter writer, ChatBlock block)
    {
        writer.WriteStartObject();
        switch (block.Kind)
        {
            case ChatBlockKind.Text:
                writer.WriteString("type"u8, "text"u8);
                WriteText(writer, block);
                break;
            case ChatBlockKind.Image:
                writer.WriteString("type"u8, "image"u8);
                writer.WriteStartObject("source"u8);
                writer.WriteString("type"u8, "base64"u8);
                writer.WriteString("media_type"u8, block.Text);
                OpenAiImage.WriteData(writer, block.First);
                writer.WriteEndObject();
                break;
            case ChatBlockKind.ToolUse:
                writer.WriteString("type"u8, "tool_use"u8);
                WriteRaw(writer, "id"u8, block.First);
                WriteRaw(writer, "name"u8, block.Second);
                writer.WritePropertyName("input"u8);
                writer.WriteRawValue(block.Json, skipInputValidation: true);
                break;
            case ChatBlockKind.ToolResult:
                writer.WriteString("type"u8, "tool_result"u8);
                WriteRaw(writer, "tool_use_id"u8, block.First);
                WriteToolResultContent(writer, block.Second);
                break;
        }

        writer.WriteEndObject();
    }

    private static void WriteText(Utf8JsonWriter writer, ChatBlock block)
    {
        if (block.Text is not null)
        {
            writer.WriteString("text"u8, block.Text);
        }
        else
        {
            WriteRaw(writer, "text"u8, block.First);
        }
    }

    private static void WriteToolResultContent(Utf8JsonWriter writer, JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            WriteRaw(writer, "content"u8, content);
            return;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        writer.WriteStartArray("content"u8);
        foreach (var part in content.EnumerateArray())
        {
            if (part.TryGetProperty("text"u8, out var text) && JsonMarshal.GetRawUtf8Value(text).Length > 2)
            {
                writer.WriteStartObject();
                writer.WriteString("type"u8, "text"u8);
                WriteRaw(writer, "text"u8, text);
                writer.WriteEndObject();
            }
        }

        writer.WriteEndArray();
    }

    private static void WriteRaw(Utf8JsonWriter writer, ReadOnlySpan<byte> name, JsonElement value)
    {
        writer.WritePropertyName(name);
        writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(value), skipInputValidation: true);
    }
}
