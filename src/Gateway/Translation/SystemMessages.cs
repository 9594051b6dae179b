using System.Runtime.InteropServices;
using System.Text.Json;
using OrleansProxy.Gateway.Errors;

namespace OrleansProxy.Gateway.Translation;

/// <summary>
/// Folds <c>role: "system"</c> messages (Claude Code's per-turn control) into the closest form Bedrock's InvokeModel
/// accepts, which knows only user and assistant turns. System messages before the first turn or after the last one
/// join the top-level <c>system</c> (after the client's own, in order); one between turns keeps its place as text
/// blocks at the start of the next user turn, or at the end of the previous user turn when an assistant turn follows.
/// Blocks keep their <c>cache_control</c>; nothing is re-serialised but the wrapping.
/// </summary>
internal static class SystemMessages
{
    /// <summary>A system message's content must be text blocks, as the top-level <c>system</c>'s.</summary>
    public static ProxyError? ValidateTextBlocks(JsonElement blocks, string path)
    {
        var index = 0;
        foreach (var block in blocks.EnumerateArray())
        {
            if (block.ValueKind != JsonValueKind.Object)
            {
                return FieldErrors.NotObject($"{path}.{index}");
            }

            if (!block.TryGetProperty("type"u8, out var type) || !type.ValueEquals("text"u8)
                || !block.TryGetProperty("text"u8, out var text) || text.ValueKind != JsonValueKind.String)
            {
                return FieldErrors.Invalid($"{path}.{index}", "a system message holds only text blocks");
            }

            index++;
        }

        return null;
    }

    /// <summary>Writes <c>system</c> and <c>messages</c> with the system messages of <paramref name="messages"/> folded.</summary>
    public static void Write(Utf8JsonWriter writer, JsonElement? system, JsonElement messages)
    {
        var items = messages.EnumerateArray().ToArray();
        var placement = Place(items);

        if (system is not null || Array.IndexOf(placement, Top) >= 0)
        {
            writer.WriteStartArray("system"u8);
            if (system is { } top)
            {
                WriteBlocks(writer, top);
            }

            for (var i = 0; i < items.Length; i++)
            {
                if (placement[i] == Top)
                {
                    WriteBlocks(writer, items[i].GetProperty("content"u8));
                }
            }

            writer.WriteEndArray();
        }

        writer.WriteStartArray("messages"u8);
        for (var i = 0; i < items.Length; i++)
        {
            if (placement[i] == Conversational)
            {
                WriteTurn(writer, items, placement, i);
            }
        }

        writer.WriteEndArray();
    }

    private const int Conversational = -2;
    private const int Top = -1;

    // For each message: Conversational, Top, or the index of the user turn a system message is folded into.
    private static int[] Place(JsonElement[] items)
    {
        var placement = new int[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            placement[i] = IsSystem(items[i]) ? Top : Conversational;
        }

        for (var i = 0; i < items.Length; i++)
        {
            if (placement[i] == Conversational)
            {
                continue;
            }

            var previous = Neighbour(items, i, -1);
            var next = Neighbour(items, i, +1);
            if (previous < 0 || next < 0)
            {
                continue;
            }

            if (IsUser(items[next]))
            {
                placement[i] = next;
            }
            else if (IsUser(items[previous]))
            {
                placement[i] = previous;
            }
        }

        return placement;
    }

    private static int Neighbour(JsonElement[] items, int from, int step)
    {
        for (var i = from + step; i >= 0 && i < items.Length; i += step)
        {
            if (!IsSystem(items[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static void WriteTurn(Utf8JsonWriter writer, JsonElement[] items, int[] placement, int index)
    {
        var turn = items[index];
        var folded = false;
        for (var i = 0; i < items.Length && !folded; i++)
        {
            folded = placement[i] == index;
        }

        if (!folded)
        {
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(turn), skipInputValidation: true);
            return;
        }

        writer.WriteStartObject();
        foreach (var property in turn.EnumerateObject())
        {
            if (!property.NameEquals("content"u8))
            {
                property.WriteTo(writer);
            }
        }

        writer.WriteStartArray("content"u8);
        for (var i = 0; i < index; i++)
        {
            if (placement[i] == index)
            {
                WriteBlocks(writer, items[i].GetProperty("content"u8));
            }
        }

        WriteBlocks(writer, turn.GetProperty("content"u8));
        for (var i = index + 1; i < items.Length; i++)
        {
            if (placement[i] == index)
            {
                WriteBlocks(writer, items[i].GetProperty("content"u8));
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    // A string becomes one text block (none when empty: Bedrock refuses empty text blocks); an array's blocks are
    // copied as they came.
    private static void WriteBlocks(Utf8JsonWriter writer, JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            if (content.ValueEquals(""u8))
            {
                return;
            }

            writer.WriteStartObject();
            writer.WriteString("type"u8, "text"u8);
            writer.WritePropertyName("text"u8);
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(content), skipInputValidation: true);
            writer.WriteEndObject();
            return;
        }

        foreach (var block in content.EnumerateArray())
        {
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(block), skipInputValidation: true);
        }
    }

    private static bool IsSystem(JsonElement message) => message.GetProperty("role"u8).ValueEquals("system"u8);

    private static bool IsUser(JsonElement message) => message.GetProperty("role"u8).ValueEquals("user"u8);
}
