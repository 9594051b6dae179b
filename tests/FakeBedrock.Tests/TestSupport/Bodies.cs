namespace OrleansProxy.Testing.FakeBedrock.Tests.TestSupport;

/// <summary>Request bodies as the product would send them.</summary>
internal static class Bodies
{
    public const string Claude3Haiku = "anthropic.claude-3-haiku-20240307-v1:0";
    public const string Claude3HaikuInPath = "anthropic.claude-3-haiku-20240307-v1%3A0";
    public const string SonnetFour = "anthropic.claude-sonnet-4-20250514-v1:0";

    public static string Messages(string userText = "Hello there, fake model", int maxTokens = 100) =>
        $$"""{"anthropic_version":"bedrock-2023-05-31","max_tokens":{{maxTokens}},"messages":[{"role":"user","content":"{{userText}}"}]}""";

    /// <summary>The product's free access probe: a body Bedrock must refuse before inference.</summary>
    public static string Probe() => Messages("ping", maxTokens: -1);

    public static string TextCompletion(string userText = "Hello there, fake model") =>
        $$"""{"prompt":"\n\nHuman: {{userText}}\n\nAssistant:","max_tokens_to_sample":100}""";
}
