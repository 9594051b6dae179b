namespace OrleansProxy.Gateway.Translation;

/// <summary>Maps Messages <c>stop_reason</c> values (raw JSON, quotes included) to the other dialects' vocabularies.</summary>
internal static class StopReasons
{
    /// <summary>OpenAI <c>finish_reason</c>, as a JSON string.</summary>
    public static ReadOnlySpan<byte> ToOpenAi(ReadOnlySpan<byte> stopReason)
    {
        if (stopReason.SequenceEqual("\"max_tokens\""u8))
        {
            return "\"length\""u8;
        }

        if (stopReason.SequenceEqual("\"tool_use\""u8))
        {
            return "\"tool_calls\""u8;
        }

        return stopReason.SequenceEqual("\"refusal\""u8) ? "\"content_filter\""u8 : "\"stop\""u8;
    }

    /// <summary>Legacy completion <c>stop_reason</c>, as a JSON string: only <c>stop_sequence</c> and <c>max_tokens</c> exist there.</summary>
    public static ReadOnlySpan<byte> ToCompletion(ReadOnlySpan<byte> stopReason) =>
        stopReason.SequenceEqual("\"max_tokens\""u8) ? "\"max_tokens\""u8 : "\"stop_sequence\""u8;
}
