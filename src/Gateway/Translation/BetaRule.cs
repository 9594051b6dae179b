using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace OrleansProxy.Gateway.Translation;

/// <summary>One allowed beta flag: the client's name, Bedrock's name for it, and the model generations that take it.</summary>
/// <param name="ClientFlag">The flag as clients send it.</param>
/// <param name="BedrockFlag">The flag Bedrock takes for the same feature (usually the same).</param>
/// <param name="MinimumGeneration">The oldest model generation that takes it (<c>4.5</c> = Claude 4.5).</param>
/// <param name="MaximumGeneration">The newest generation that still takes it, or null for every later one.</param>
public sealed record BetaRule(string ClientFlag, string BedrockFlag, decimal MinimumGeneration, decimal? MaximumGeneration = null)
{
    /// <summary>Whether a model of <paramref name="generation"/> takes the flag.</summary>
    public bool Allows(decimal generation) =>
        generation >= MinimumGeneration && (MaximumGeneration is not { } maximum || generation <= maximum);

    /// <summary>Reads <c>flag[=bedrock-flag][@minimum-generation]</c>.</summary>
    public static bool TryParse(string item, [NotNullWhen(true)] out BetaRule? rule, out string problem)
    {
        ArgumentNullException.ThrowIfNull(item);
        rule = null;
        problem = "";
        var text = item.Trim();
        var minimum = 0m;
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            if (!decimal.TryParse(text.AsSpan(at + 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out minimum))
            {
                problem = $"'{item}': the generation after '@' must be a number such as 4.5";
                return false;
            }

            text = text[..at];
        }

        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var client = equals >= 0 ? text[..equals] : text;
        var bedrock = equals >= 0 ? text[(equals + 1)..] : text;
        if (!IsFlag(client) || !IsFlag(bedrock))
        {
            problem = $"'{item}': a flag is lower-case letters, digits and '-' (e.g. effort-2025-11-24)";
            return false;
        }

        rule = new BetaRule(client, bedrock, minimum);
        return true;
    }

    /// <summary>Whether <paramref name="flag"/> looks like a beta flag (also bounds metric label values).</summary>
    public static bool IsFlag(string flag) =>
        flag.Length is > 0 and <= 64 && flag.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');
}
