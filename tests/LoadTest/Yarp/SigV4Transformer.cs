using OrleansProxy.LoadTest.Signing;
using Yarp.ReverseProxy.Forwarder;

namespace OrleansProxy.LoadTest.Yarp;

/// <summary>YARP's default request copy, then SigV4 headers for the exact URI that goes upstream.</summary>
internal sealed class SigV4Transformer(BedrockSigner signer) : HttpTransformer
{
    /// <summary><see cref="HttpContext.Items"/> key of the body's hex SHA-256, set before forwarding.</summary>
    public const string PayloadSha256Key = "bench.payload-sha256";

    public override async ValueTask TransformRequestAsync(
        HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        // YARP fills the URI after the transform when left null; the signature needs it now. The signed host is
        // the upstream's, so the client's Host header (which the default transform copies) must not go along.
        proxyRequest.RequestUri ??= RequestUtilities.MakeDestinationAddress(
            destinationPrefix, httpContext.Request.Path, httpContext.Request.QueryString);
        proxyRequest.Headers.Host = null;
        var accept = httpContext.Request.Headers.Accept.ToString();
        var signed = signer.Sign(proxyRequest.RequestUri!, accept, (string)httpContext.Items[PayloadSha256Key]!);
        foreach (var (name, value) in signed)
        {
            proxyRequest.Headers.Remove(name);
            proxyRequest.Headers.TryAddWithoutValidation(name, value);
        }
    }
}
