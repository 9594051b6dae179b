using System.Collections.Frozen;
using System.Globalization;
using OrleansProxy.Models;

namespace OrleansProxy.Gateway.Translation;

/// <summary>
/// The one place that decides which <c>anthropic-beta</c> flags reach Bedrock: a flag is forwarded (possibly renamed
/// to Bedrock's name) when the allow-list has it for the model's generation, and dropped otherwise, so a client's
/// first-party-only flag never fails a request. The defaults follow AWS's Claude Messages page and what gateways
/// serving Claude Code on Bedrock forward; <c>Betas:Add</c> / <c>Betas:Remove</c> change them without a release.
/// </summary>
public sealed class BetaPolicy
{
    /// <summary>The flag Claude Code's <c>[1m]</c> model suffix stands for.</summary>
    public const string OneMillionContext = "context-1m-2025-08-07";

    // Bedrock InvokeModel betas (AWS "Anthropic Claude Messages API" page and the Bedrock lists gateways serving Claude
    // Code keep, late 2026). First-party-only flags Claude Code sends (claude-code-*, oauth-*, per-turn-control-*,
    // thinking-token-count-*, prompt-caching-scope-*, files-api-*, mcp-*, skills-*, web-search-*, web-fetch-*,
    // code-execution-*, fast-mode-*, structured-outputs-*) are absent on purpose: Bedrock answers "invalid beta flag".
    private static readonly BetaRule[] DefaultRules =
    [
        new("computer-use-2024-10-22", "computer-use-2024-10-22", 3.5m, 3.5m),
        new("computer-use-2025-01-24", "computer-use-2025-01-24", 3.7m),
        new("computer-use-2025-11-24", "computer-use-2025-11-24", 4.5m),
        new("token-efficient-tools-2025-02-19", "token-efficient-tools-2025-02-19", 3.7m, 3.7m),
        new("output-128k-2025-02-19", "output-128k-2025-02-19", 3.7m, 3.7m),
        new("fine-grained-tool-streaming-2025-05-14", "fine-grained-tool-streaming-2025-05-14", 3.7m),
        new("interleaved-thinking-2025-05-14", "interleaved-thinking-2025-05-14", 4.0m, 4.6m),
        new("dev-full-thinking-2025-05-14", "dev-full-thinking-2025-05-14", 4.0m, 4.6m),
        new(OneMillionContext, OneMillionContext, 4.0m),
        new("context-management-2025-06-27", "context-management-2025-06-27", 4.5m),
        new("effort-2025-11-24", "effort-2025-11-24", 4.5m),
        new("tool-search-tool-2025-10-19", "tool-search-tool-2025-10-19", 4.5m),
        new("advanced-tool-use-2025-11-20", "tool-search-tool-2025-10-19", 4.5m),
        new("tool-examples-2025-10-29", "tool-examples-2025-10-29", 4.5m),
        new("compact-2026-01-12", "compact-2026-01-12", 4.6m),
        new("mid-conversation-output-config-2026-07-01", "mid-conversation-output-config-2026-07-01", 4.6m),
        new("mid-conversation-tool-changes-2026-07-01", "mid-conversation-tool-changes-2026-07-01", 4.6m),
        new("thinking-binding-controls-2026-08-01", "thinking-binding-controls-2026-08-01", 4.6m),
        new("thinking-display-updates-2026-08-18", "thinking-display-updates-2026-08-18", 4.6m),
        new("dangerous-tool-use-2026-09-03", "dangerous-tool-use-2026-09-03", 4.6m),
    ];

    private readonly FrozenDictionary<string, BetaRule> _rules;

    /// <summary>The built-in list, unchanged.</summary>
    public static BetaPolicy Default { get; } = new(DefaultRules);

    /// <summary>A policy of <paramref name="rules"/>.</summary>
    public BetaPolicy(IEnumerable<BetaRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules.ToFrozenDictionary(r => r.ClientFlag, StringComparer.Ordinal);
    }

    /// <summary>The rules in force, for the README's table and the info page.</summary>
    public IEnumerable<BetaRule> Rules => _rules.Values.OrderBy(r => r.ClientFlag, StringComparer.Ordinal);

    /// <summary>
    /// The defaults with <paramref name="add"/> (items <c>flag[=bedrock-flag][@minimum-generation]</c>) added or
    /// replacing, and <paramref name="remove"/> taken out. Bad items throw with every problem named.
    /// </summary>
    public static BetaPolicy Configure(IEnumerable<string>? add, IEnumerable<string>? remove)
    {
        var rules = DefaultRules.ToDictionary(r => r.ClientFlag, StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var item in add ?? [])
        {
            if (BetaRule.TryParse(item, out var rule, out var problem))
            {
                rules[rule.ClientFlag] = rule;
            }
            else
            {
                problems.Add(problem);
            }
        }

        foreach (var flag in remove ?? [])
        {
            rules.Remove(flag.Trim());
        }

        return problems.Count == 0
            ? new BetaPolicy(rules.Values)
            : throw new FormatException("Betas: " + string.Join("; ", problems));
    }

    /// <summary>
    /// Splits <paramref name="flags"/> into what Bedrock gets for <paramref name="model"/> (renamed, without
    /// duplicates) and what is dropped; adds the 1M-context flag when the client's model name asked for it.
    /// </summary>
    public (List<string>? Forwarded, List<string>? Dropped) Filter(List<string>? flags, ResolvedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Filter(flags, model, ModelGenerations.Of(model.Family));
    }

    /// <summary>
    /// <see cref="Filter(List{string}, ResolvedModel)"/> with the model's generation already known (the request
    /// translation looks it up once for this and the field policy).
    /// </summary>
    public (List<string>? Forwarded, List<string>? Dropped) Filter(List<string>? flags, ResolvedModel model, decimal generation)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.OneMillionContext && !(flags?.Contains(OneMillionContext) ?? false))
        {
            flags = flags is null ? [OneMillionContext] : [.. flags, OneMillionContext];
        }

        if (flags is null)
        {
            return (null, null);
        }

        List<string>? forwarded = null;
        List<string>? dropped = null;
        foreach (var flag in flags)
        {
            if (_rules.TryGetValue(flag, out var rule) && rule.Allows(generation))
            {
                forwarded ??= new List<string>(flags.Count);
                if (!forwarded.Contains(rule.BedrockFlag))
                {
                    forwarded.Add(rule.BedrockFlag);
                }
            }
            else
            {
                (dropped ??= new List<string>(2)).Add(flag);
            }
        }

        return (forwarded, dropped);
    }

    /// <summary>
    /// The generation in a family name as major + minor / 10 (parsed each call: <see cref="ModelGenerations"/> caches it): <c>claude-3-5-sonnet</c> 3.5, <c>claude-opus-4-5</c> 4.5,
    /// <c>claude-opus-5</c> 5.0, <c>claude-v2</c> 2.0; 0 when the name has no number.
    /// </summary>
    public static decimal Generation(string family)
    {
        ArgumentNullException.ThrowIfNull(family);
        int? major = null;
        foreach (var part in family.Split('-', 'v'))
        {
            if (part.Length is 0 or > 2 || !int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                continue;
            }

            if (major is null)
            {
                major = number;
            }
            else
            {
                return major.Value + (number / 10m);
            }
        }

        return major ?? 0m;
    }
}
