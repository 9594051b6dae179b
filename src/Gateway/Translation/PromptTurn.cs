namespace OrleansProxy.Gateway.Translation;

/// <summary>One turn of a legacy prompt, as a Messages message.</summary>
/// <param name="IsUser">True for a <c>Human:</c> turn, false for an <c>Assistant:</c> turn.</param>
/// <param name="Text">The turn's text, trimmed.</param>
internal readonly record struct PromptTurn(bool IsUser, string Text);
