using System.Runtime.InteropServices;
using System.Text.Json;

namespace OrleansProxy.Gateway.Translation;

/// <summary>Writes the converted OpenAI conversation as Messages <c>system</c> and <c>messages</c>.</summary>
internal static class ChatTurnWriter
{
    public static void WriteSystem(Utf8JsonWriter writer, List<ChatBlock> system)
    {
        if (system.Count == 0)
        {
            return;
        }

        // One text block per system message: joins them without decoding and re-encoding the texts.
        writer.WriteStartArray("system"u8);
        foreach (var block in system)
        {
            WriteBlock(writer, block);
        }

        writer.WriteEndArray();
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
