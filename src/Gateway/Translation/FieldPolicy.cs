using System.Collections.Frozen;
using System.Globalization;

namespace OrleansProxy.Gateway.Translation;

/// <summary>What happens to a request field a model's generation does not take.</summary>
public enum FieldAction
{
    /// <summary>Forwarded to Bedrock as the client sent it.</summary>
    Pass,

    /// <summary>Left out: it changes nothing the client relies on (a hint, an optimisation, an identifier).</summary>
    Drop,

    /// <summary>Refused with a 400: the client relies on it and Bedrock cannot honour it.</summary>
    Refuse,
}

/// <summary>
/// One field's rule: forwarded from <paramref name="MinimumGeneration"/> on, else <paramref name="Otherwise"/>.
/// <paramref name="Field"/> is a top-level name (<c>context_management</c>), a member (<c>output_config.effort</c>,
/// <c>thinking.display</c>), a tool member (<c>tools[].defer_loading</c>) or a tool type prefix (<c>tool:web_search_</c>).
/// </summary>
public sealed record FieldRule(string Field, decimal MinimumGeneration, FieldAction Otherwise, string Reason)
{
    /// <summary>Never forwarded.</summary>
    public const decimal Never = 1000m;

    /// <summary>The action for a model of <paramref name="generation"/>.</summary>
    public FieldAction For(decimal generation) => generation >= MinimumGeneration ? FieldAction.Pass : Otherwise;
}

/// <summary>
/// The one place that decides which Anthropic Messages fields reach Bedrock's InvokeModel, by the model's generation
/// (<see cref="BetaPolicy.Generation"/>), beside <see cref="BetaPolicy"/> for flags. The rule for every field: pass
/// what Bedrock takes, translate what has a faithful equivalent (<c>thinking: adaptive</c> on a model that only knows
/// budgets; a tool search on a model without it becomes every tool loaded up front), drop only what changes nothing
/// the client relies on, and refuse with a clear 400 otherwise. A top-level field no rule names is dropped and counted
/// (a newer SDK's field must not fail requests); <c>FIELDS</c> (<c>name=pass|drop|refuse[@generation]</c>) changes any
/// rule without a release.
/// </summary>
public sealed class FieldPolicy
{
    private static readonly FieldRule[] DefaultRules =
    [
        new("context_management", 4.5m, FieldAction.Drop, "server-side context editing is an optimisation; the conversation stays valid without it"),
        new("output_config", 4.5m, FieldAction.Drop, "members are decided one by one"),
        new("output_config.effort", 4.5m, FieldAction.Drop, "models before the effort control answer at their full effort"),
        new("output_config.format", 4.5m, FieldAction.Refuse, "structured outputs need Claude 4.5 or later on Bedrock"),
        new("output_format", 4.5m, FieldAction.Refuse, "structured outputs need Claude 4.5 or later on Bedrock"),
        new("thinking.display", 4.6m, FieldAction.Drop, "older models return summarised thinking either way"),
        new("anthropic_version", FieldRule.Never, FieldAction.Drop, "the proxy sends Bedrock's own version"),
        new("metadata", FieldRule.Never, FieldAction.Drop, "Bedrock takes no metadata; the proxy reads user_id for sessions"),
        new("service_tier", FieldRule.Never, FieldAction.Drop, "Bedrock serves every call on the account's own tier"),
        new("inference_geo", FieldRule.Never, FieldAction.Drop, "the pool routes by the credential's region and profile"),
        new("container", FieldRule.Never, FieldAction.Refuse, "code execution containers are Anthropic-hosted; Bedrock has none"),
        new("mcp_servers", FieldRule.Never, FieldAction.Refuse, "the MCP connector is Anthropic-hosted; Bedrock does not call remote MCP servers"),
        new("tools[].defer_loading", 4.5m, FieldAction.Drop, "without tool search every tool is loaded up front"),
        new("tools[].input_examples", 4.5m, FieldAction.Drop, "tool examples are a hint"),
        new("tools[].strict", 4.5m, FieldAction.Drop, "strict tool schemas need Claude 4.5 or later"),
        new("tools[].eager_input_streaming", 3.7m, FieldAction.Drop, "fine-grained tool streaming only changes chunking"),
        new("tools[].allowed_callers", FieldRule.Never, FieldAction.Drop, "programmatic tool calling needs Anthropic's code execution"),
        new("tool:tool_search_tool_", 4.5m, FieldAction.Drop, "without tool search every tool is loaded up front"),
        new("tool:web_search_", FieldRule.Never, FieldAction.Refuse, "web search is an Anthropic-hosted tool Bedrock does not run"),
        new("tool:web_fetch_", FieldRule.Never, FieldAction.Refuse, "web fetch is an Anthropic-hosted tool Bedrock does not run"),
        new("tool:code_execution_", FieldRule.Never, FieldAction.Refuse, "code execution is an Anthropic-hosted tool Bedrock does not run"),
        new("tool:mcp_toolset", FieldRule.Never, FieldAction.Refuse, "MCP toolsets need Anthropic's MCP connector"),
    ];

    private readonly FrozenDictionary<string, FieldRule> _rules;
    private readonly FieldRule[] _toolTypes;

    /// <summary>The built-in rules.</summary>
    public static FieldPolicy Default { get; } = new(DefaultRules);

    /// <summary>A policy of <paramref name="rules"/>.</summary>
    public FieldPolicy(IEnumerable<FieldRule> rules)
    {
        var all = rules.ToList();
        _rules = all.Where(r => !r.Field.StartsWith("tool:", StringComparison.Ordinal)).ToFrozenDictionary(r => r.Field, StringComparer.Ordinal);
        _toolTypes = [.. all.Where(r => r.Field.StartsWith("tool:", StringComparison.Ordinal)).OrderByDescending(r => r.Field.Length)];
    }

    /// <summary>Every rule, by field.</summary>
    public IEnumerable<FieldRule> Rules => _rules.Values.Concat(_toolTypes).OrderBy(r => r.Field, StringComparer.Ordinal);

    /// <summary>
    /// The defaults changed by <paramref name="overrides"/>, items <c>field=pass|drop|refuse[@generation]</c>:
    /// <c>pass</c> alone forwards always, <c>drop</c>/<c>refuse</c> alone never forward, <c>@4.5</c> forwards from that
    /// generation on and applies the action below it.
    /// </summary>
    public static FieldPolicy Configure(IEnumerable<string>? overrides, out IReadOnlyList<string> problems)
    {
        var errors = new List<string>();
        problems = errors;
        var rules = DefaultRules.ToDictionary(r => r.Field, StringComparer.Ordinal);
        foreach (var item in overrides ?? [])
        {
            var (field, rest) = item.Split('=', 2) is [var f, var r] ? (f.Trim(), r.Trim()) : (item.Trim(), "");
            var (actionText, generationText) = rest.Split('@', 2) is [var a, var g] ? (a, g) : (rest, null);
            if (field.Length == 0 || !Enum.TryParse<FieldAction>(actionText, ignoreCase: true, out var action) || !Enum.IsDefined(action))
            {
                errors.Add($"FIELDS item '{item}': expected field=pass|drop|refuse[@generation]");
                continue;
            }

            decimal generation;
            if (generationText is null)
            {
                generation = action == FieldAction.Pass ? 0m : FieldRule.Never;
            }
            else if (!decimal.TryParse(generationText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out generation)
                || action == FieldAction.Pass)
            {
                errors.Add($"FIELDS item '{item}': the generation must be a number like 4.5, after drop or refuse (the action below it)");
                continue;
            }

            rules[field] = new FieldRule(field, generation, action == FieldAction.Pass ? FieldAction.Drop : action, "set by FIELDS");
        }

        return errors.Count == 0 ? new FieldPolicy(rules.Values) : Default;
    }

    /// <summary>The action for a top-level or member field; an unknown one is dropped (and counted by the caller).</summary>
    public FieldAction Decide(string field, decimal generation, out FieldRule? rule) =>
        _rules.TryGetValue(field, out rule) ? rule.For(generation) : FieldAction.Drop;

    /// <summary>Whether a rule names <paramref name="field"/>.</summary>
    public bool Knows(string field) => _rules.ContainsKey(field);

    /// <summary>The rule for a tool of <paramref name="type"/> (by longest prefix), or null: tools without one pass.</summary>
    public FieldRule? ToolType(string? type)
    {
        if (type is null)
        {
            return null;
        }

        foreach (var rule in _toolTypes)
        {
            if (type.StartsWith(rule.Field.AsSpan(5), StringComparison.Ordinal))
            {
                return rule;
            }
        }

        return null;
    }
}
