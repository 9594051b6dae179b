namespace OrleansProxy.Gateway.Translation;

/// <summary>A Messages turn being assembled from one or more consecutive OpenAI messages of the same side.</summary>
internal sealed class ChatTurn(bool isUser)
{
    public bool IsUser { get; } = isUser;

    public List<ChatBlock> Blocks { get; } = new(2);
}
