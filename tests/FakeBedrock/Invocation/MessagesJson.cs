using System.Text.Json;
using OrleansProxy.Testing.FakeBedrock.Behaviour;

namespace OrleansProxy.Testing.FakeBedrock.Invocation;

/// <summary>The Anthropic Messages answers Bedrock returns: the whole message, or the stream events of one text block.</summary>
internal static class MessagesJson
{
    private const string IdAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string NewMessageId() =>
        string.Create(33, 0, static (span, _) =>
        {
            "msg_bdrk_01".AsSpan().CopyTo(span);
            for (var i = 11; i < span.Length; i++)
            {
                span[i] = IdAlphabet[Random.Shared.Next(IdAlphabet.Length)];
            }
        });

    public static byte[] Message(string id, string model, string reply, TokenUsage usage) => ModelEventJson.Write(w =>
    {
        WriteMessageHead(w, id, model);
        w.WriteStartArray("content");
        w.WriteStartObject();
        w.WriteString("type", "text");
        w.WriteString("text", reply);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("stop_reason", "end_turn");
        w.WriteNull("stop_sequence");
        WriteUsage(w, usage);
    });

    public static byte[] MessageStart(string id, string model, TokenUsage usage) => ModelEventJson.Write(w =>
    {
        w.WriteString("type", "message_start");
        w.WriteStartObject("message");
        WriteMessageHead(w, id, model);
        w.WriteStartArray("content");
        w.WriteEndArray();
        w.WriteNull("stop_reason");
        w.WriteNull("stop_sequence");
        WriteUsage(w, usage with { OutputTokens = 1 });
        w.WriteEndObject();
    });

    public static byte[] ContentBlockStart() => ModelEventJson.Write(w =>
    {
        w.WriteString("type", "content_block_start");
        w.WriteNumber("index", 0);
        w.WriteStartObject("content_block");
        w.WriteString("type", "text");
        w.WriteString("text", "");
        w.WriteEndObject();
    });

    public static byte[] TextDelta(string text) => ModelEventJson.Write(w =>
    {
        w.WriteString("type", "content_block_delta");
        w.WriteNumber("index", 0);
        w.WriteStartObject("delta");
        w.WriteString("type", "text_delta");
        w.WriteString("text", text);
        w.WriteEndObject();
    });

    public static byte[] ContentBlockStop() => ModelEventJson.Write(w =>
    {
        w.WriteString("type", "content_block_stop");
        w.WriteNumber("index", 0);
    });

    public static byte[] MessageDelta(int outputTokens) => ModelEventJson.Write(w =>
    {
        w.WriteString("type", "message_delta");
        w.WriteStartObject("delta");
        w.WriteString("stop_reason", "end_turn");
        w.WriteNull("stop_sequence");
        w.WriteEndObject();
        w.WriteStartObject("usage");
        w.WriteNumber("output_tokens", outputTokens);
        w.WriteEndObject();
    });

    public static byte[] MessageStop(InvocationMetrics metrics) => ModelEventJson.Write(w =>
    {
        w.WriteString("type", "message_stop");
        ModelEventJson.WriteMetrics(w, metrics);
    });

    private static void WriteMessageHead(Utf8JsonWriter w, string id, string model)
    {
        w.WriteString("id", id);
        w.WriteString("type", "message");
        w.WriteString("role", "assistant");
        w.WriteString("model", model);
    }

    private static void WriteUsage(Utf8JsonWriter w, TokenUsage usage)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("input_tokens", usage.InputTokens);
        if (usage.ReportsCache)
        {
            w.WriteNumber("cache_creation_input_tokens", usage.CacheWriteTokens);
            w.WriteNumber("cache_read_input_tokens", usage.CacheReadTokens);
        }

        w.WriteNumber("output_tokens", usage.OutputTokens);
        w.WriteEndObject();
    }
}
