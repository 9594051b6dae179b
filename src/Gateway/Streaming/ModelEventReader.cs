using System.Text.Json;
using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.Streaming;

/// <summary>Reads one model event in a single forward pass (no DOM, no strings).</summary>
internal static class ModelEventReader
{
    /// <exception cref="JsonException">The event is not a JSON object.</exception>
    public static ModelEvent Read(ReadOnlySpan<byte> json)
    {
        var result = new ModelEvent
        {
            Usage = UsageFields.None, MetricsInputTokens = -1, MetricsOutputTokens = -1, MetricsCacheReadTokens = -1, MetricsCacheWriteTokens = -1,
        };
        var reader = new Utf8JsonReader(json);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A model event must be a JSON object.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var propertyStart = (int)reader.TokenStartIndex;
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                result.Type = reader.TokenType == JsonTokenType.String ? Classify(ref reader) : ModelEventType.Unknown;
                result.TypeName = JsonTokens.StringContents(ref reader);
            }
            else if (reader.ValueTextEquals("message"u8) || reader.ValueTextEquals("usage"u8))
            {
                var isMessage = reader.ValueTextEquals("message"u8);
                reader.Read();
                if (isMessage)
                {
                    ReadObject(ref reader, ref result, ObjectKind.Message);
                }
                else
                {
                    result.Usage = UsageFields.Read(ref reader);
                }
            }
            else if (reader.ValueTextEquals("content_block"u8) || reader.ValueTextEquals("delta"u8))
            {
                reader.Read();
                ReadObject(ref reader, ref result, ObjectKind.Part);
            }
            else if (reader.ValueTextEquals("amazon-bedrock-invocationMetrics"u8))
            {
                reader.Read();
                ReadObject(ref reader, ref result, ObjectKind.Metrics);
                result.MetricsCut = PropertyCut.Of(json, propertyStart, (int)reader.BytesConsumed);
            }
            else if (reader.ValueTextEquals("completion"u8))
            {
                reader.Read();
                result.Text = JsonTokens.StringContents(ref reader);
                if (result.Type == ModelEventType.Unknown && result.TypeName.IsEmpty)
                {
                    result.Type = ModelEventType.Completion;
                }
            }
            else if (reader.ValueTextEquals("stop_reason"u8))
            {
                reader.Read();
                result.StopReason = JsonTokens.RawValue(ref reader);
            }
            else if (reader.ValueTextEquals("stop"u8))
            {
                reader.Read();
                result.StopSequence = JsonTokens.RawValue(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return result;
    }

    private enum ObjectKind
    {
        Message,
        Part,
        Metrics,
    }

    private static void ReadObject(ref Utf8JsonReader reader, ref ModelEvent result, ObjectKind kind)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            switch (kind)
            {
                case ObjectKind.Message when reader.ValueTextEquals("usage"u8):
                    reader.Read();
                    result.Usage = UsageFields.Read(ref reader);
                    continue;
                case ObjectKind.Metrics when reader.ValueTextEquals("inputTokenCount"u8):
                    result.MetricsInputTokens = ReadCount(ref reader);
                    continue;
                case ObjectKind.Metrics when reader.ValueTextEquals("outputTokenCount"u8):
                    result.MetricsOutputTokens = ReadCount(ref reader);
                    continue;
                case ObjectKind.Metrics when reader.ValueTextEquals("cacheReadInputTokenCount"u8):
                    result.MetricsCacheReadTokens = ReadCount(ref reader);
                    continue;
                case ObjectKind.Metrics when reader.ValueTextEquals("cacheWriteInputTokenCount"u8):
                    result.MetricsCacheWriteTokens = ReadCount(ref reader);
                    continue;
                case ObjectKind.Part:
                    ReadPartProperty(ref reader, ref result);
                    continue;
                default:
                    reader.Read();
                    reader.Skip();
                    continue;
            }
        }
    }

    // content_block and delta share one shape as far as the translators care.
    private static void ReadPartProperty(ref Utf8JsonReader reader, ref ModelEvent result)
    {
        if (reader.ValueTextEquals("type"u8))
        {
            reader.Read();
            result.Part = JsonTokens.IsString(ref reader, "text"u8) || JsonTokens.IsString(ref reader, "text_delta"u8)
                ? ModelEventPart.Text
                : JsonTokens.IsString(ref reader, "tool_use"u8) ? ModelEventPart.ToolUse
                : JsonTokens.IsString(ref reader, "input_json_delta"u8) ? ModelEventPart.InputJson
                : ModelEventPart.Other;
            reader.Skip();
        }
        else if (reader.ValueTextEquals("text"u8) || reader.ValueTextEquals("partial_json"u8))
        {
            reader.Read();
            result.Text = JsonTokens.StringContents(ref reader);
        }
        else if (reader.ValueTextEquals("id"u8))
        {
            reader.Read();
            result.ToolId = JsonTokens.StringContents(ref reader);
        }
        else if (reader.ValueTextEquals("name"u8))
        {
            reader.Read();
            result.ToolName = JsonTokens.StringContents(ref reader);
        }
        else if (reader.ValueTextEquals("stop_reason"u8))
        {
            reader.Read();
            result.StopReason = JsonTokens.RawValue(ref reader);
        }
        else if (reader.ValueTextEquals("stop_sequence"u8))
        {
            reader.Read();
            result.StopSequence = JsonTokens.RawValue(ref reader);
        }
        else
        {
            reader.Read();
            reader.Skip();
        }
    }

    private static long ReadCount(ref Utf8JsonReader reader) => UsageFields.ReadCount(ref reader);

    private static ModelEventType Classify(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("content_block_delta"u8))
        {
            return ModelEventType.ContentBlockDelta;
        }

        if (reader.ValueTextEquals("content_block_start"u8))
        {
            return ModelEventType.ContentBlockStart;
        }

        if (reader.ValueTextEquals("content_block_stop"u8))
        {
            return ModelEventType.ContentBlockStop;
        }

        if (reader.ValueTextEquals("message_start"u8))
        {
            return ModelEventType.MessageStart;
        }

        if (reader.ValueTextEquals("message_delta"u8))
        {
            return ModelEventType.MessageDelta;
        }

        if (reader.ValueTextEquals("message_stop"u8))
        {
            return ModelEventType.MessageStop;
        }

        return reader.ValueTextEquals("ping"u8) ? ModelEventType.Ping : ModelEventType.Unknown;
    }
}
