using System.Text.Json;

namespace OrleansProxy.Gateway.Translation;

/// <summary>The parts of a Bedrock Messages answer (non-streaming) the translations need, read in one pass.</summary>
internal sealed class MessagesAnswer
{
    public List<AnswerBlock> Blocks { get; } = new(2);

    /// <summary>The <c>stop_reason</c> JSON value (quoted string or <c>null</c>).</summary>
    public JsonRange StopReason { get; private set; }

    /// <summary>The <c>stop_sequence</c> JSON value (quoted string or <c>null</c>).</summary>
    public JsonRange StopSequence { get; private set; }

    public long InputTokens => _usage.Input < 0 ? 0 : _usage.Input;

    public long OutputTokens => _usage.Output < 0 ? 0 : _usage.Output;

    /// <summary>Every count the answer's <c>usage</c> reported, cache reads and writes included.</summary>
    public UsageFields Usage => _usage;

    private UsageFields _usage = UsageFields.None;

    /// <summary>Reads <paramref name="json"/>; with <paramref name="withContent"/> false only usage and stop reason are kept.</summary>
    /// <exception cref="JsonException">The JSON is malformed.</exception>
    public static MessagesAnswer Read(ReadOnlySpan<byte> json, bool withContent)
    {
        var answer = new MessagesAnswer();
        var reader = new Utf8JsonReader(json);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A Messages answer must be a JSON object.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                answer.ReadUsage(ref reader);
            }
            else if (reader.ValueTextEquals("stop_reason"u8))
            {
                reader.Read();
                answer.StopReason = JsonTokens.RawValue(ref reader);
            }
            else if (reader.ValueTextEquals("stop_sequence"u8))
            {
                reader.Read();
                answer.StopSequence = JsonTokens.RawValue(ref reader);
            }
            else if (withContent && reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                answer.ReadContent(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return answer;
    }

    private void ReadUsage(ref Utf8JsonReader reader) => _usage = UsageFields.Read(ref reader);

    private void ReadContent(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var isText = false;
            var isToolUse = false;
            JsonRange text = default, id = default, name = default, input = default;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    isText = JsonTokens.IsString(ref reader, "text"u8);
                    isToolUse = JsonTokens.IsString(ref reader, "tool_use"u8);
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("text"u8))
                {
                    reader.Read();
                    text = JsonTokens.StringContents(ref reader);
                }
                else if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    id = JsonTokens.RawValue(ref reader);
                }
                else if (reader.ValueTextEquals("name"u8))
                {
                    reader.Read();
                    name = JsonTokens.RawValue(ref reader);
                }
                else if (reader.ValueTextEquals("input"u8))
                {
                    reader.Read();
                    input = JsonTokens.RawValue(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (isText || isToolUse)
            {
                Blocks.Add(new AnswerBlock(isText, text, id, name, input));
            }
        }
    }
}
