namespace OrleansProxy.Gateway.Translation;

/// <summary>Knobs of the request translation.</summary>
public sealed class TranslationOptions
{
    /// <summary>The defaults.</summary>
    public static TranslationOptions Default { get; } = new();

    /// <summary>
    /// <c>max_tokens</c> sent to Bedrock when an OpenAI client gives neither <c>max_tokens</c> nor
    /// <c>max_completion_tokens</c> (OpenAI makes it optional; Bedrock requires it). Default 4096.
    /// </summary>
    public int DefaultOpenAiMaxTokens { get; init; } = 4096;

    /// <summary>Operator model aliases (<c>MODEL_ALIASES</c>), applied before the catalogue. Default none.</summary>
    public Models.ModelAliases Aliases { get; init; } = Models.ModelAliases.Empty;

    /// <summary>Which <c>anthropic-beta</c> flags reach Bedrock. Default: the built-in list.</summary>
    public BetaPolicy Betas { get; init; } = BetaPolicy.Default;

    /// <summary>Which Messages fields reach Bedrock, per model generation. Default: the built-in rules.</summary>
    public FieldPolicy Fields { get; init; } = FieldPolicy.Default;

    /// <summary>
    /// Validates a <c>count_tokens</c> body rather than a Messages call: <c>max_tokens</c> is optional (Anthropic's
    /// count_tokens takes none) and, when absent, the InvokeModel body gets a filled-in one, since CountTokens counts a
    /// complete InvokeModel body. Every other rule (fields, system messages, betas) is the Messages one. Default false.
    /// </summary>
    public bool TokenCount { get; init; }

    /// <summary>Deepest JSON nesting accepted in a request body; deeper bodies get a 400. Default 64.</summary>
    public int MaxNestingDepth { get; init; } = 64;

    /// <summary>
    /// Text of the user turn put in front of an OpenAI conversation that starts with an assistant message
    /// (chat front ends open with a greeting; Bedrock requires the first turn to be the user's).
    /// Null rejects such conversations with a 400 instead. Default <c>"(start of conversation)"</c>.
    /// </summary>
    public string? OpenAiLeadingUserText { get; init; } = "(start of conversation)";
}
