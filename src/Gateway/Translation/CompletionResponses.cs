using System.Text.Json;

namespace OrleansProxy.Gateway.Translation;

/// <summary>Writes Anthropic's legacy completion object for <c>/v1/complete</c> clients.</summary>
internal static class CompletionResponses
{
    /// <summary>From a legacy Bedrock answer: its values are copied as they are.</summary>
    public static byte[] FromLegacy(ReadOnlySpan<byte> json, string model, string requestId)
    {
        var answer = LegacyAnswer.Read(json);
        using var output = new PooledJson(json.Length + 160);
        var writer = output.Writer;
        WriteHead(writer, requestId);
        RawJson.WriteValueOrNull(writer, "completion"u8, json, answer.Completion);
        RawJson.WriteValueOrNull(writer, "stop_reason"u8, json, answer.StopReason);
        writer.WriteString("model"u8, model);
        RawJson.WriteValueOrNull(writer, "stop"u8, json, answer.Stop);
        writer.WriteString("log_id"u8, requestId);
        writer.WriteEndObject();
        return output.ToArray();
    }

    /// <summary>From a Messages answer (a Claude 3+ model behind <c>/v1/complete</c>): text blocks joined.</summary>
    public static byte[] FromMessages(ReadOnlySpan<byte> json, MessagesAnswer answer, string model, string requestId)
    {
        using var output = new PooledJson(json.Length + 160);
        var writer = output.Writer;
        WriteHead(writer, requestId);
        writer.WritePropertyName("completion"u8);
        RawJson.WriteJoinedText(writer, json, answer.Blocks);
        writer.WritePropertyName("stop_reason"u8);
        writer.WriteRawValue(StopReasons.ToCompletion(answer.StopReason.Of(json)), skipInputValidation: true);
        writer.WriteString("model"u8, model);
        RawJson.WriteValueOrNull(writer, "stop"u8, json, answer.StopSequence);
        writer.WriteString("log_id"u8, requestId);
        writer.WriteEndObject();
        return output.ToArray();
    }

    private static void WriteHead(Utf8JsonWriter writer, string requestId)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "completion"u8);
        writer.WriteString("id"u8, "compl_" + requestId);
    }
}
