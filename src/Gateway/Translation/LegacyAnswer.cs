using System.Text.Json;

namespace OrleansProxy.Gateway.Translation;

/// <summary>A legacy Text Completions answer or stream chunk: <c>{"completion","stop_reason","stop"}</c>, as raw JSON values.</summary>
internal readonly ref struct LegacyAnswer
{
    public JsonRange Completion { get; init; }

    public JsonRange StopReason { get; init; }

    public JsonRange Stop { get; init; }

    /// <exception cref="JsonException">The JSON is malformed.</exception>
    public static LegacyAnswer Read(ReadOnlySpan<byte> json)
    {
        JsonRange completion = default, stopReason = default, stop = default;
        var reader = new Utf8JsonReader(json);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A completion must be a JSON object.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var which = reader.ValueTextEquals("completion"u8) ? 1
                : reader.ValueTextEquals("stop_reason"u8) ? 2
                : reader.ValueTextEquals("stop"u8) ? 3
                : 0;
            reader.Read();
            var value = JsonTokens.RawValue(ref reader);
            switch (which)
            {
                case 1:
                    completion = value;
                    break;
                case 2:
                    stopReason = value;
                    break;
                case 3:
                    stop = value;
                    break;
            }
        }

        return new LegacyAnswer { Completion = completion, StopReason = stopReason, Stop = stop };
    }
}
