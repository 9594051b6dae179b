using System.Globalization;
using OrleansProxy.Gateway.Errors;
using OrleansProxy.Models;

namespace OrleansProxy.Gateway.Translation;

/// <summary>Resolves the client's <c>model</c> against the catalogue: unknown names are refused, never substituted.</summary>
internal static class ModelField
{
    private const int MaxEchoedLength = 128;

    public static ProxyError? Resolve(string? name, out ResolvedModel? model)
    {
        model = null;
        if (name is null)
        {
            return FieldErrors.Required("model");
        }

        if (!ModelCatalog.TryResolve(name, out var resolved))
        {
            return ProxyError.NotFound($"model: {Echo(name)} is not a model this proxy serves");
        }

        if (resolved.Model.IsRetired)
        {
            var retiredOn = resolved.Model.RetiredOn!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return ProxyError.InvalidRequest(
                $"model: {Echo(name)} ({resolved.Model.DisplayName}) was retired by AWS on {retiredOn} and is no longer served");
        }

        model = resolved;
        return null;
    }

    // The name goes back into an error message: keep an absurdly long one from bloating it.
    private static string Echo(string name) =>
        name.Length <= MaxEchoedLength ? name : string.Concat(name.AsSpan(0, MaxEchoedLength), "…");
}
