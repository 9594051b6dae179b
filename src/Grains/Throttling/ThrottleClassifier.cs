using OrleansProxy.Credentials;

namespace OrleansProxy.Throttling;

/// <summary>
/// Tells Bedrock's throttles apart by their text, the only place Bedrock says which quota ran out (the error type is
/// <c>ThrottlingException</c> for all of them and no Retry-After is sent): "Too many requests, please wait before
/// trying again.", "Too many tokens, please wait before trying again." and "Too many tokens per day, please wait
/// before trying again." (NOTES-bedrock, "Throttles").
/// </summary>
public static class ThrottleClassifier
{
    /// <summary>The kind of quota <paramref name="message"/> names; <see cref="ThrottleKind.Other"/> when it names none.</summary>
    public static ThrottleKind Classify(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return ThrottleKind.Other;
        }

        if (message.Contains("per day", StringComparison.OrdinalIgnoreCase))
        {
            return ThrottleKind.DailyQuota;
        }

        if (message.StartsWith("Too many tokens", StringComparison.OrdinalIgnoreCase))
        {
            return ThrottleKind.Tokens;
        }

        return message.StartsWith("Too many requests", StringComparison.OrdinalIgnoreCase) ? ThrottleKind.Requests : ThrottleKind.Other;
    }
}
