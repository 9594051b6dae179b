using OrleansProxy.Gateway.Streaming;
using OrleansProxy.Gateway.Tests.Translation;
using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.Tests.Streaming;

/// <summary>Translators built the way the gateway builds them: from a parsed request.</summary>
internal static class StreamTranslatorFactory
{
    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);

    public static IStreamTranslator Messages() => For(ClientDialect.AnthropicMessages,
        """{"model":"claude-3-5-sonnet-20241022","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"Hi"}]}""");

    public static IStreamTranslator LegacyCompletion() => For(ClientDialect.AnthropicTextCompletions,
        """{"model":"claude-2.1","max_tokens_to_sample":100,"stream":true,"prompt":"\n\nHuman: Hi\n\nAssistant:"}""");

    public static IStreamTranslator CompletionFromMessages() => For(ClientDialect.AnthropicTextCompletions,
        """{"model":"claude-3-haiku","max_tokens_to_sample":100,"stream":true,"prompt":"\n\nHuman: Hi\n\nAssistant:"}""");

    public static IStreamTranslator OpenAi(bool includeUsage) => For(ClientDialect.OpenAiChat,
        $$"""{"model":"claude-3-5-sonnet","stream":true,"stream_options":{"include_usage":{{(includeUsage ? "true" : "false")}}},"messages":[{"role":"user","content":"Hi"}]}""");

    private static IStreamTranslator For(ClientDialect dialect, string json) =>
        StreamTranslators.Create(Requests.Ok(dialect, json), "req-1", Now);
}
