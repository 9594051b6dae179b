using OrleansProxy.Gateway.Errors;

namespace OrleansProxy.Gateway.Translation;

/// <summary>
/// The legacy Text Completions prompt format: optional system text, then alternating
/// <c>\n\nHuman:</c> / <c>\n\nAssistant:</c> turns, ending in an Assistant turn (possibly with prefill).
/// </summary>
internal static class LegacyPrompt
{
    public const string HumanMarker = "\n\nHuman:";
    public const string AssistantMarker = "\n\nAssistant:";

    /// <summary>Anthropic's own prompt rules, checked for every model so both upstream paths refuse the same prompts.</summary>
    public static ProxyError? Validate(string prompt)
    {
        var firstHuman = prompt.IndexOf(HumanMarker, StringComparison.Ordinal);
        if (firstHuman < 0)
        {
            return FieldErrors.Invalid("prompt", "prompt must contain a \"\\n\\nHuman:\" turn");
        }

        var firstAssistant = prompt.IndexOf(AssistantMarker, StringComparison.Ordinal);
        if (firstAssistant >= 0 && firstAssistant < firstHuman)
        {
            return FieldErrors.Invalid("prompt", "prompt must start with a \"\\n\\nHuman:\" turn after an optional system prompt");
        }

        var lastAssistant = prompt.LastIndexOf(AssistantMarker, StringComparison.Ordinal);
        var lastHuman = prompt.LastIndexOf(HumanMarker, StringComparison.Ordinal);
        return lastAssistant < lastHuman
            ? FieldErrors.Invalid("prompt", "prompt must end with a \"\\n\\nAssistant:\" turn")
            : null;
    }

    /// <summary>
    /// Splits a valid prompt into system text and Messages turns: blank turns are dropped (Messages refuses empty
    /// text), consecutive same-role turns merged, and the final Assistant turn kept only when it holds prefill.
    /// </summary>
    public static List<PromptTurn> ToTurns(string prompt, out string? system)
    {
        var turns = new List<PromptTurn>();
        var position = prompt.IndexOf(HumanMarker, StringComparison.Ordinal);
        var leading = prompt.AsSpan(0, position).Trim();
        system = leading.IsEmpty ? null : leading.ToString();

        while (position < prompt.Length)
        {
            var isUser = string.CompareOrdinal(prompt, position, HumanMarker, 0, HumanMarker.Length) == 0;
            var start = position + (isUser ? HumanMarker.Length : AssistantMarker.Length);
            var next = NextMarker(prompt, start);
            // Messages refuses trailing whitespace in a final assistant turn; trimming every turn keeps it simple.
            var text = prompt.AsSpan(start, next - start).Trim();
            if (!text.IsEmpty)
            {
                Append(turns, isUser, text);
            }

            position = next;
        }

        return turns;
    }

    private static void Append(List<PromptTurn> turns, bool isUser, ReadOnlySpan<char> text)
    {
        if (turns.Count > 0 && turns[^1].IsUser == isUser)
        {
            turns[^1] = new PromptTurn(isUser, string.Concat(turns[^1].Text, "\n\n", text));
            return;
        }

        turns.Add(new PromptTurn(isUser, text.ToString()));
    }

    private static int NextMarker(string prompt, int from)
    {
        var human = prompt.IndexOf(HumanMarker, from, StringComparison.Ordinal);
        var assistant = prompt.IndexOf(AssistantMarker, from, StringComparison.Ordinal);
        if (human < 0)
        {
            return assistant < 0 ? prompt.Length : assistant;
        }

        return assistant < 0 ? human : Math.Min(human, assistant);
    }
}
