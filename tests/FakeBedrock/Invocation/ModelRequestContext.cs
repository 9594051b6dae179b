namespace OrleansProxy.Testing.FakeBedrock.Invocation;

/// <summary>What <see cref="FakeBedrockServer.ReplyText"/> gets to decide the text the model "answers".</summary>
/// <param name="AccessKeyId">The key that signed the request.</param>
/// <param name="Region">The key's region.</param>
/// <param name="ModelId">The id as requested, e.g. <c>us.anthropic.claude-sonnet-4-20250514-v1:0</c>.</param>
/// <param name="BaseModelId">The catalogue id without geography prefix.</param>
/// <param name="Api">The body dialect.</param>
/// <param name="Streaming">True for <c>invoke-with-response-stream</c>.</param>
/// <param name="LastUserText">Text of the last user turn (Messages) or last <c>Human:</c> turn (Text Completions).</param>
/// <param name="Body">The request body as received.</param>
public sealed record ModelRequestContext(
    string AccessKeyId,
    string Region,
    string ModelId,
    string BaseModelId,
    FakeModelApi Api,
    bool Streaming,
    string LastUserText,
    string Body)
{
    /// <summary>The default reply: <c>"Fake Bedrock reply to: "</c> plus the first 40 characters of the last user text.</summary>
    public static string DefaultReply(ModelRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = context.LastUserText;
        return "Fake Bedrock reply to: " + (text.Length <= 40 ? text : text[..40]);
    }
}
