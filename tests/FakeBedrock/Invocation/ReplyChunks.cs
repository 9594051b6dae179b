namespace OrleansProxy.Testing.FakeBedrock.Invocation;

/// <summary>How a reply is counted in tokens and cut into stream deltas; the pieces always concatenate back to the reply.</summary>
internal static class ReplyChunks
{
    /// <summary>Output tokens: the number of whitespace-separated words.</summary>
    public static int CountWords(string reply) =>
        reply.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>
    /// One piece per word (each word with the whitespace before it) by default, or
    /// <paramref name="chunks"/> pieces of near-equal length, never more than the reply has characters.
    /// </summary>
    public static List<string> Split(string reply, int? chunks)
    {
        if (reply.Length == 0)
        {
            return [];
        }

        return chunks is { } count ? SplitEvenly(reply, Math.Clamp(count, 1, reply.Length)) : SplitByWord(reply);
    }

    private static List<string> SplitByWord(string reply)
    {
        var pieces = new List<string>();
        var start = 0;
        for (var i = 1; i < reply.Length; i++)
        {
            if (char.IsWhiteSpace(reply[i]) && !char.IsWhiteSpace(reply[i - 1]) && HasWordAfter(reply, i))
            {
                pieces.Add(reply[start..i]);
                start = i;
            }
        }

        pieces.Add(reply[start..]);
        return pieces;
    }

    private static bool HasWordAfter(string reply, int index)
    {
        for (var i = index; i < reply.Length; i++)
        {
            if (!char.IsWhiteSpace(reply[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static List<string> SplitEvenly(string reply, int count)
    {
        var pieces = new List<string>(count);
        var start = 0;
        for (var i = 1; i <= count; i++)
        {
            var end = (int)((long)reply.Length * i / count);
            // Never cut a surrogate pair in two.
            if (end < reply.Length && end > start && char.IsLowSurrogate(reply[end]))
            {
                end++;
            }

            if (end > start)
            {
                pieces.Add(reply[start..end]);
                start = end;
            }
        }

        return pieces;
    }
}
