using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansProxy.Models;

/// <summary>
/// Reads any current Claude model name by rule, so a model Bedrock lists tomorrow needs no table entry: a Bedrock
/// base id (<c>anthropic.claude-opus-5-5</c>, <c>anthropic.claude-3-5-sonnet-20241022-v2:0</c>), its cross-region
/// profile id (<c>us.</c>/<c>eu.</c>/<c>apac.</c>/<c>global.</c>… + base id) or an Anthropic name
/// (<c>claude-opus-5-5</c>, <c>claude-sonnet-4-5-20250929</c>, <c>claude-3-5-sonnet-20240620</c>). Both word orders
/// Anthropic has used are accepted (<c>claude-3-5-sonnet</c>, <c>claude-sonnet-4-5</c>). The legacy ids
/// (<c>claude-v2</c>, <c>claude-instant-v1</c>) are not matched: they will never grow, and the table lists them.
/// </summary>
/// <remarks>
/// The grammar admits only lowercase letters, digits, <c>-</c>, <c>.</c> and <c>:</c> in fixed places, so a name
/// that passes can go into an upstream URL path (percent-encoded) without carrying a path, query or ARN.
/// </remarks>
public static partial class ModelRules
{
    /// <summary>The prefix of every Anthropic model id on Bedrock.</summary>
    public const string Provider = "anthropic.";

    /// <summary>The suffix Claude Code appends to ask for the 1M-token context window (<c>claude-opus-4-6[1m]</c>).</summary>
    public const string OneMillionContextSuffix = "[1m]";

    private const int MaxLength = 128;

    /// <summary>Parses <paramref name="name"/>; false for anything that is not a current Claude name or id.</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out ModelNameParts? parts)
    {
        parts = null;
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength)
        {
            return false;
        }

        string? geography = null;
        var rest = name;
        foreach (var candidate in Geographies.All)
        {
            if (rest.Length > candidate.Length + 1 && rest[candidate.Length] == '.' && rest.StartsWith(candidate, StringComparison.Ordinal))
            {
                geography = candidate;
                rest = rest[(candidate.Length + 1)..];
                break;
            }
        }

        var isBedrockId = rest.StartsWith(Provider, StringComparison.Ordinal);
        if (isBedrockId)
        {
            rest = rest[Provider.Length..];
        }
        else if (geography is not null)
        {
            // A profile id always names the provider: "us.claude-opus-5" is nobody's id.
            return false;
        }

        var match = Grammar().Match(rest);
        if (!match.Success)
        {
            return false;
        }

        var revision = match.Groups["revision"];
        if (revision.Success && !isBedrockId)
        {
            // "-v1:0" is Bedrock's revision suffix; Anthropic names never carry it.
            return false;
        }

        var tier = match.Groups["tier"].Value;
        var version = match.Groups["version"].Value;
        DateOnly? date = null;
        if (match.Groups["date"] is { Success: true } dateGroup)
        {
            if (!DateOnly.TryParseExact(dateGroup.Value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return false;
            }

            date = parsed;
        }

        var family = match.Groups["core"].Value;
        var anthropicName = date is null ? family : $"{family}-{match.Groups["date"].Value}";
        // Dated ids carry Bedrock's revision suffix; the table lists the few that are not -v1:0. Undated ids (Opus 4.7
        // on) carry none.
        var baseId = isBedrockId ? Provider + rest : date is null ? Provider + anthropicName : $"{Provider}{anthropicName}-v1:0";
        parts = new ModelNameParts(baseId, geography, anthropicName, family, DisplayName(tier, version), date, isBedrockId);
        return true;
    }

    /// <summary>
    /// Removes Claude Code's <c>[1m]</c> suffix (case-insensitive, as it sends <c>[1M]</c> too) and says whether it was
    /// there; what it asks for (the 1M-context beta) is the request translation's business.
    /// </summary>
    public static string StripOneMillionContext(string name, out bool oneMillionContext)
    {
        oneMillionContext = name.EndsWith(OneMillionContextSuffix, StringComparison.OrdinalIgnoreCase);
        return oneMillionContext ? name[..^OneMillionContextSuffix.Length] : name;
    }

    /// <summary>"Claude Opus 5.5", "Claude 3.5 Sonnet": the name Anthropic displays, built from the id's parts.</summary>
    private static string DisplayName(string tier, string version)
    {
        var word = char.ToUpperInvariant(tier[0]) + tier[1..];
        var number = version.Replace('-', '.');
        // Claude 3.x put the number first ("Claude 3.5 Sonnet"), Claude 4 on the tier ("Claude Sonnet 4.5").
        return int.Parse(version.AsSpan(0, version.IndexOf('-') is var dash and >= 0 ? dash : version.Length), CultureInfo.InvariantCulture) <= 3
            ? $"Claude {number} {word}"
            : $"Claude {word} {number}";
    }

    // core: claude-<tier>-<major>[-<minor>] or claude-<major>[-<minor>]-<tier>; then an optional -yyyymmdd date and an
    // optional -v<n>[:<m>] Bedrock revision. Context-length variants (":200k", for Provisioned Throughput) do not match.
    [GeneratedRegex(
        @"^(?<core>claude-(?:(?<tier>[a-z]{2,20})-(?<version>[1-9][0-9]?(?:-[0-9]{1,2})?)|(?<version>[1-9][0-9]?(?:-[0-9]{1,2})?)-(?<tier>[a-z]{2,20})))(?:-(?<date>[0-9]{8}))?(?<revision>-v[0-9]{1,2}(?::[0-9]{1,2})?)?$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 100)]
    private static partial Regex Grammar();
}
