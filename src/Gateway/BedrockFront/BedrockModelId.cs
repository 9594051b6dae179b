using OrleansProxy.Gateway.Errors;
using OrleansProxy.Gateway.Translation;
using OrleansProxy.Models;

namespace OrleansProxy.Gateway.BedrockFront;

/// <summary>
/// Validates the <c>{modelId}</c> of a front-door path before anything is leased or sent: only a name the catalogue
/// (after the operator's aliases) resolves passes, so no ARN, slash, dot segment, query or percent-escape the client
/// put in its path can reach the upstream URL. The upstream id is rebuilt from the catalogue entry, never copied.
/// </summary>
internal static class BedrockModelId
{
    /// <summary>Longest id accepted; the catalogue's own names are far shorter.</summary>
    public const int MaxLength = 128;

    private const string OneMillionSuffix = "[1m]";

    /// <summary>Resolves <paramref name="modelId"/> (the route value, which ASP.NET Core has already URL-decoded except <c>%2F</c>).</summary>
    public static ProxyError? Resolve(string? modelId, ModelAliases aliases, out ResolvedModel? model)
    {
        model = null;
        if (string.IsNullOrEmpty(modelId))
        {
            return ProxyError.InvalidRequest("The provided model identifier is invalid: it is empty.");
        }

        if (modelId.Length > MaxLength)
        {
            return ProxyError.InvalidRequest($"The provided model identifier is invalid: it is longer than {MaxLength} characters.");
        }

        if (modelId.StartsWith("arn:", StringComparison.OrdinalIgnoreCase))
        {
            return ProxyError.InvalidRequest(
                "The provided model identifier is invalid: this proxy takes model and inference profile ids (us.anthropic.claude-…), not ARNs.");
        }

        if (!HasOnlyIdCharacters(modelId))
        {
            return ProxyError.InvalidRequest(
                "The provided model identifier is invalid: it may hold only letters, digits, '.', '-', '_' and ':'.");
        }

        // The catalogue's refusal names the model; Bedrock answers an unknown id with a 400 ValidationException too.
        return ModelField.Resolve(modelId, aliases, out model) is { } error
            ? ProxyError.InvalidRequest("The provided model identifier is invalid: " + error.Message)
            : null;
    }

    private static bool HasOnlyIdCharacters(string modelId)
    {
        var id = modelId.EndsWith(OneMillionSuffix, StringComparison.Ordinal) ? modelId.AsSpan(0, modelId.Length - OneMillionSuffix.Length) : modelId;
        if (id.IsEmpty || !char.IsAsciiLetterOrDigit(id[0]))
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '-' or '_' or ':'))
            {
                return false;
            }
        }

        return true;
    }
}
