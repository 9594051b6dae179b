namespace OrleansProxy.Gateway.Translation;

/// <summary>Constants of Bedrock's InvokeModel bodies for Anthropic models.</summary>
internal static class BedrockBodies
{
    /// <summary>The only <c>anthropic_version</c> Bedrock accepts; the client's <c>anthropic-version</c> header is not forwarded.</summary>
    public static ReadOnlySpan<byte> AnthropicVersion => "bedrock-2023-05-31"u8;
}
