using System.Globalization;
using OrleansProxy.Gateway.Errors;
using OrleansProxy.Models;

namespace OrleansProxy.Gateway.Translation;

/// <summary>
/// Resolves the client's <c>model</c>: operator aliases, then the catalogue (table, then rules). Unknown names are refused,
/// never substituted; whether a rule-read model is served is the pool's answer (from Bedrock's listing).
/// </summary>
internal static class ModelField
{
    private const int MaxEchoedLength = 128;

    public static ProxyError? Resolve(string? name, out ResolvedModel? model) => Resolve(name, ModelAliases.Empty, out model);

    /// <summary>Resolves <paramref name="name"/> after the operator's <paramref name="aliases"/>.</summary>
    public static ProxyError? Resolve(string? name, ModelAliases aliases, out ResolvedModel? model)
    {
        model = null;
        if (name is null)
        {
            return FieldErrors.Required("model");
        }

        // An alias may carry Claude Code's [1m] suffix on the client's side ("opus[1m]"); the flag survives the alias.
        var bare = ModelRules.StripOneMillionContext(name, out var oneMillionContext);
        var target = aliases.Apply(bare);
        if (!ModelCatalog.TryResolve(target, out var resolved))
        {
            return ProxyError.NotFound($"model: {Echo(name)} is not a model this proxy serves");
        }

        if (resolved.Model.IsRetired)
        {
            var retiredOn = resolved.Model.RetiredOn!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return ProxyError.InvalidRequest(
                $"model: {Echo(name)} ({resolved.Model.DisplayName}) was retired by AWS on {retiredOn} and is no longer served");
        }

        model = oneMillionContext && !resolved.OneMillionContext ? resolved with { OneMillionContext = true } : resolved;
        return null;
    }

    // The name goes back into an error message: keep an absurdly long one from bloating it.
    private static string Echo(string name) =>
        name.Length <= MaxEchoedLength ? name : string.Concat(name.AsSpan(0, MaxEchoedLength), "…");
}
