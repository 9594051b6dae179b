using System.Text.RegularExpressions;

namespace OrleansProxy.Gateway.Errors;

/// <summary>Makes an upstream error text safe to show a client.</summary>
internal static partial class UpstreamMessage
{
    /// <summary>Longest text passed on; Bedrock's own messages are far shorter.</summary>
    public const int MaxLength = 1000;

    /// <summary>
    /// Masks AWS access key ids and account-bearing ARNs (IAM denials name the caller's user and account,
    /// which identify the pooled credential) and caps the length.
    /// </summary>
    public static string Sanitize(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return "";
        }

        var text = message.Length > MaxLength * 2 ? message[..(MaxLength * 2)] : message;
        if (text.Contains("arn:", StringComparison.Ordinal))
        {
            text = ArnPattern().Replace(text, "arn:…");
        }

        if (text.Contains("AKIA", StringComparison.Ordinal) || text.Contains("ASIA", StringComparison.Ordinal))
        {
            text = AccessKeyIdPattern().Replace(text, "AKIA…");
        }

        return text.Length > MaxLength ? string.Concat(text.AsSpan(0, MaxLength - 1), "…") : text;
    }

    [GeneratedRegex(@"arn:aws[a-zA-Z-]*:[^\s,;""']*")]
    private static partial Regex ArnPattern();

    [GeneratedRegex(@"\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b")]
    private static partial Regex AccessKeyIdPattern();
}
