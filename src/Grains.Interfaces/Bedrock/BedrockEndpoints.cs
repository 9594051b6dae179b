namespace OrleansProxy.Bedrock;

/// <summary>
/// Bedrock base URLs by region, following the AWS SDKs' convention: <c>https://bedrock-runtime.{region}.amazonaws.com</c>
/// and <c>https://bedrock.{region}.amazonaws.com</c>, unless <c>AWS_ENDPOINT_URL_BEDROCK_RUNTIME</c> /
/// <c>AWS_ENDPOINT_URL_BEDROCK</c> (or the global <c>AWS_ENDPOINT_URL</c>) override them.
/// </summary>
/// <param name="RuntimeOverride">Base URL for every region's runtime calls, or null.</param>
/// <param name="ControlPlaneOverride">Base URL for every region's control-plane calls, or null.</param>
public sealed record BedrockEndpoints(Uri? RuntimeOverride, Uri? ControlPlaneOverride)
{
    /// <summary>Reads the overrides from configuration keys named like the AWS SDK environment variables.</summary>
    public static BedrockEndpoints FromConfiguration(Func<string, string?> read)
    {
        var global = Parse(read("AWS_ENDPOINT_URL"), "AWS_ENDPOINT_URL");
        return new BedrockEndpoints(
            Parse(read("AWS_ENDPOINT_URL_BEDROCK_RUNTIME"), "AWS_ENDPOINT_URL_BEDROCK_RUNTIME") ?? global,
            Parse(read("AWS_ENDPOINT_URL_BEDROCK"), "AWS_ENDPOINT_URL_BEDROCK") ?? global);
    }

    /// <summary>The runtime base URL for a region, without a trailing slash.</summary>
    public string Runtime(string region) =>
        RuntimeOverride is { } uri ? uri.GetLeftPart(UriPartial.Authority) : $"https://bedrock-runtime.{region}.amazonaws.com";

    /// <summary>The control-plane base URL for a region, without a trailing slash.</summary>
    public string ControlPlane(string region) =>
        ControlPlaneOverride is { } uri ? uri.GetLeftPart(UriPartial.Authority) : $"https://bedrock.{region}.amazonaws.com";

    /// <summary>The InvokeModel URL; the model id is percent-encoded into one path segment (<c>:</c> → <c>%3A</c>).</summary>
    public string InvokeUri(string region, string modelId, bool stream) =>
        $"{Runtime(region)}/model/{Uri.EscapeDataString(modelId)}/{(stream ? "invoke-with-response-stream" : "invoke")}";

    /// <summary>The CountTokens URL (a bare base model id: Bedrock counts for no inference profile).</summary>
    public string CountTokensUri(string region, string baseModelId) =>
        $"{Runtime(region)}/model/{Uri.EscapeDataString(baseModelId)}/count-tokens";

    /// <summary>The GetModelInvocationLoggingConfiguration URL.</summary>
    public string LoggingConfigurationUri(string region) => $"{ControlPlane(region)}/logging/modelinvocations";

    /// <summary>The ListFoundationModels URL for Anthropic's models.</summary>
    public string AnthropicFoundationModelsUri(string region) => $"{ControlPlane(region)}/foundation-models?byProvider=Anthropic";

    /// <summary>One ListInferenceProfiles page of system-defined profiles.</summary>
    public string SystemInferenceProfilesUri(string region, int maxResults, string? nextToken) =>
        $"{ControlPlane(region)}/inference-profiles?maxResults={maxResults}&type=SYSTEM_DEFINED"
        + (nextToken is null ? "" : "&nextToken=" + Uri.EscapeDataString(nextToken));

    private static Uri? Parse(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
        {
            throw new InvalidOperationException($"{name} must be an absolute http(s) URL.");
        }

        return uri;
    }
}
