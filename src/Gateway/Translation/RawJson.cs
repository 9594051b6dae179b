using System.Buffers;
using System.Text.Json;

namespace OrleansProxy.Gateway.Translation;

/// <summary>Writes pieces of upstream JSON into new documents without decoding them.</summary>
internal static class RawJson
{
    /// <summary>
    /// Writes the text blocks of an answer as one JSON string. Escaped string contents concatenate into a valid
    /// escaped string, so the texts are joined as bytes.
    /// </summary>
    public static void WriteJoinedText(Utf8JsonWriter writer, ReadOnlySpan<byte> json, List<AnswerBlock> blocks)
    {
        var length = 2;
        foreach (var block in blocks)
        {
            length += block.IsText ? block.Text.Length : 0;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var position = 0;
            buffer[position++] = (byte)'"';
            foreach (var block in blocks)
            {
                if (block.IsText)
                {
                    block.Text.Of(json).CopyTo(buffer.AsSpan(position));
                    position += block.Text.Length;
                }
            }

            buffer[position++] = (byte)'"';
            writer.WriteRawValue(buffer.AsSpan(0, position), skipInputValidation: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes a raw JSON value, or <c>null</c> when the range is absent.</summary>
    public static void WriteValueOrNull(Utf8JsonWriter writer, ReadOnlySpan<byte> name, ReadOnlySpan<byte> json, JsonRange value)
    {
        writer.WritePropertyName(name);
        if (value.IsEmpty)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteRawValue(value.Of(json), skipInputValidation: true);
        }
    }
}
