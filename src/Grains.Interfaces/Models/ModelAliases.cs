using System.Collections.Frozen;

namespace OrleansProxy.Models;

/// <summary>
/// Operator aliases (<c>MODEL_ALIASES=claude-opus-5-5=us.anthropic.claude-opus-5-5,opus=claude-opus-5-5</c>): names a
/// client sends that Bedrock does not know, each mapped to a target that resolves like a client name (table or rules).
/// An alias wins over the catalogue, so an operator can pin a name to one profile. Targets are not aliases themselves.
/// </summary>
public sealed class ModelAliases
{
    private const int MaxNameLength = 128;

    private readonly FrozenDictionary<string, string> _targets;

    private ModelAliases(FrozenDictionary<string, string> targets) => _targets = targets;

    /// <summary>No aliases.</summary>
    public static ModelAliases Empty { get; } = new(FrozenDictionary<string, string>.Empty);

    /// <summary>Alias → target, for info pages.</summary>
    public IReadOnlyDictionary<string, string> Targets => _targets;

    /// <summary>The alias's target, or the name itself when it is no alias.</summary>
    public string Apply(string name) => _targets.GetValueOrDefault(name, name);

    /// <summary>
    /// Parses <c>name=target,name2=target2</c> (whitespace around items is ignored). Every problem is reported at once:
    /// a malformed item, a duplicate name, a target that is no model this proxy can resolve, a target that is an alias.
    /// </summary>
    public static ModelAliases Parse(string? text, out IReadOnlyList<string> problems)
    {
        var errors = new List<string>();
        problems = errors;
        if (string.IsNullOrWhiteSpace(text))
        {
            return Empty;
        }

        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = raw.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? raw : raw[..equals].Trim();
            var target = equals < 0 ? "" : raw[(equals + 1)..].Trim();
            if (name.Length == 0 || target.Length == 0 || target.Contains('=', StringComparison.Ordinal))
            {
                errors.Add($"MODEL_ALIASES: '{raw}' is not name=target.");
            }
            else if (name.Length > MaxNameLength || name.Any(char.IsWhiteSpace))
            {
                errors.Add($"MODEL_ALIASES: alias '{name}' must be at most {MaxNameLength} characters without spaces.");
            }
            else if (!targets.TryAdd(name, target))
            {
                errors.Add($"MODEL_ALIASES: alias '{name}' is defined twice.");
            }
        }

        foreach (var (name, target) in targets)
        {
            if (targets.ContainsKey(target))
            {
                errors.Add($"MODEL_ALIASES: the target of '{name}' ('{target}') is itself an alias; name the model directly.");
            }
            else if (!ModelCatalog.TryResolve(target, out var resolved))
            {
                errors.Add($"MODEL_ALIASES: the target of '{name}' ('{target}') is not a Claude model id or name.");
            }
            else if (resolved.Model.IsRetired)
            {
                errors.Add($"MODEL_ALIASES: the target of '{name}' ('{target}') was retired by AWS.");
            }
        }

        return errors.Count == 0 ? new ModelAliases(targets.ToFrozenDictionary(StringComparer.Ordinal)) : Empty;
    }
}
