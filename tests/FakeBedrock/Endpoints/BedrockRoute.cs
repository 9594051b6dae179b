using OrleansProxy.Testing.FakeBedrock.Recording;

namespace OrleansProxy.Testing.FakeBedrock.Endpoints;

/// <summary>
/// Which Bedrock operation a raw request target addresses. Parsed from the raw target because
/// the model id must be taken exactly as sent (<c>%3A</c> or <c>:</c>) and then decoded once.
/// </summary>
internal readonly record struct BedrockRoute(FakeOperation Operation, string? ModelId)
{
    private const string ModelPrefix = "/model/";
    private const string InvokeSuffix = "/invoke";
    private const string InvokeStreamSuffix = "/invoke-with-response-stream";
    private const string CountTokensSuffix = "/count-tokens";

    public static BedrockRoute Parse(string method, string rawTarget)
    {
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? rawTarget : rawTarget[..queryStart];

        if (path == "/logging/modelinvocations")
        {
            return new BedrockRoute(HttpMethods.IsGet(method) ? FakeOperation.GetLoggingConfiguration : FakeOperation.Unknown, null);
        }

        if (ControlPlaneRoute(method, path) is { } listing)
        {
            return listing;
        }

        if (!path.StartsWith(ModelPrefix, StringComparison.Ordinal))
        {
            return default;
        }

        var (operation, suffix) = path.EndsWith(InvokeStreamSuffix, StringComparison.Ordinal)
            ? (FakeOperation.InvokeStream, InvokeStreamSuffix)
            : path.EndsWith(InvokeSuffix, StringComparison.Ordinal)
                ? (FakeOperation.Invoke, InvokeSuffix)
                : path.EndsWith(CountTokensSuffix, StringComparison.Ordinal)
                    ? (FakeOperation.CountTokens, CountTokensSuffix)
                    : (FakeOperation.Unknown, "");
        var idLength = path.Length - ModelPrefix.Length - suffix.Length;
        if (operation == FakeOperation.Unknown || idLength <= 0)
        {
            return default;
        }

        var modelId = Uri.UnescapeDataString(path.AsSpan(ModelPrefix.Length, idLength));
        return new BedrockRoute(HttpMethods.IsPost(method) ? operation : FakeOperation.Unknown, modelId);
    }

    // The control plane's model listing: GET only, identifiers taken as one segment and decoded once (an ARN arrives
    // with its ':' and '/' percent-encoded).
    private static BedrockRoute? ControlPlaneRoute(string method, string path)
    {
        foreach (var (prefix, list, get) in ListingRoutes)
        {
            if (path == prefix)
            {
                return new BedrockRoute(HttpMethods.IsGet(method) ? list : FakeOperation.Unknown, null);
            }

            if (path.Length > prefix.Length + 1 && path.StartsWith(prefix, StringComparison.Ordinal) && path[prefix.Length] == '/'
                && path.IndexOf('/', prefix.Length + 1) < 0)
            {
                var id = Uri.UnescapeDataString(path[(prefix.Length + 1)..]);
                return new BedrockRoute(HttpMethods.IsGet(method) ? get : FakeOperation.Unknown, id);
            }
        }

        return null;
    }

    private static readonly (string Prefix, FakeOperation List, FakeOperation Get)[] ListingRoutes =
    [
        ("/foundation-models", FakeOperation.ListFoundationModels, FakeOperation.GetFoundationModel),
        ("/inference-profiles", FakeOperation.ListInferenceProfiles, FakeOperation.GetInferenceProfile),
    ];
}
