using System.Collections.Concurrent;
using OrleansProxy.Bedrock;

namespace OrleansProxy.Gateway.Forwarding;

/// <summary>
/// The InvokeModel URLs the gateway sends to, built and parsed once per region, model id and kind of call instead of
/// per request. Regions come from the configured credentials and model ids from the catalogue, so the set is small;
/// past <see cref="MaxCached"/> entries a URL is built without being kept.
/// </summary>
public sealed class InvokeUris(BedrockEndpoints endpoints)
{
    /// <summary>The most URLs kept.</summary>
    public const int MaxCached = 4096;

    private readonly ConcurrentDictionary<(string Region, string ModelId, bool Stream), Uri> _uris = new();

    /// <summary>The InvokeModel (or InvokeModelWithResponseStream) URL of a model in a region.</summary>
    public Uri For(string region, string modelId, bool stream)
    {
        if (_uris.TryGetValue((region, modelId, stream), out var uri))
        {
            return uri;
        }

        uri = new Uri(endpoints.InvokeUri(region, modelId, stream));
        if (_uris.Count < MaxCached)
        {
            _uris.TryAdd((region, modelId, stream), uri);
        }

        return uri;
    }
}
