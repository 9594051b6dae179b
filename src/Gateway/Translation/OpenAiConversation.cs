namespace OrleansProxy.Gateway.Translation;

/// <summary>An OpenAI <c>messages</c> list regrouped the way Messages wants it.</summary>
internal sealed class OpenAiConversation
{
    /// <summary>Text of every system and developer message, in order; joined into Messages' <c>system</c>.</summary>
    public List<ChatBlock> System { get; } = new(1);

    /// <summary>Alternating user/assistant turns (consecutive same-side messages merged).</summary>
    public List<ChatTurn> Turns { get; } = new(4);

    public void Add(bool isUser, List<ChatBlock> blocks)
    {
        if (blocks.Count == 0)
        {
            return;
        }

        if (Turns.Count == 0 || Turns[^1].IsUser != isUser)
        {
            Turns.Add(new ChatTurn(isUser));
        }

        Turns[^1].Blocks.AddRange(blocks);
    }

    /// <summary>
    /// Messages refuses trailing whitespace at the end of a final assistant (prefill) turn; OpenAI clients send it
    /// freely. Only that one text is decoded and rewritten.
    /// </summary>
    public void TrimPrefill()
    {
        if (Turns.Count == 0 || Turns[^1].IsUser)
        {
            return;
        }

        var blocks = Turns[^1].Blocks;
        var last = blocks[^1];
        if (last.Kind != ChatBlockKind.Text)
        {
            return;
        }

        var text = last.Text ?? last.First.GetString()!;
        var trimmed = text.TrimEnd();
        if (trimmed.Length == text.Length)
        {
            return;
        }

        if (trimmed.Length > 0)
        {
            blocks[^1] = ChatBlock.FromText(trimmed);
            return;
        }

        blocks.RemoveAt(blocks.Count - 1);
        if (blocks.Count == 0)
        {
            Turns.RemoveAt(Turns.Count - 1);
        }
    }
}
