using System.Net;
using Microsoft.Extensions.Options;
using OrleansProxy.Gateway.Hosting;

namespace OrleansProxy.Gateway.Forwarding;

/// <summary>
/// The one pooled HTTP client to Bedrock, as YARP's direct forwarding sets it up: no proxy, no redirects, no
/// cookies, no decompression, a connect timeout, and a bound on the wait for response headers.
/// </summary>
public sealed class UpstreamClient : IDisposable
{
    private readonly HttpMessageInvoker _invoker;
    private readonly TimeSpan _headersTimeout;

    /// <summary>Creates the client from the gateway's timeouts.</summary>
    public UpstreamClient(IOptions<GatewayOptions> options)
    {
        _headersTimeout = options.Value.ResponseHeadersTimeout;
        _invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ConnectTimeout = options.Value.ConnectTimeout,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            // DNS changes (Bedrock endpoints rotate) are picked up within this lifetime.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            EnableMultipleHttp2Connections = true,
            // No trace-context headers (traceparent) on requests to AWS: they are not signed, AWS does not take part
            // in the client's trace, and this also leaves out the per-request diagnostics wrapper around the handler.
            ActivityHeadersPropagator = null,
        });
    }

    /// <summary>
    /// Sends a signed InvokeModel request and returns once the response headers arrived. The caller owns the
    /// response and reads (or streams) its body under its own timeouts.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(
        Uri uri,
        IReadOnlyDictionary<string, string> signedHeaders,
        string accept,
        byte[] body,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new ByteArrayContent(body),
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrHigher,
        };
        request.Content.Headers.TryAddWithoutValidation("content-type", "application/json");
        request.Headers.TryAddWithoutValidation("accept", accept);
        foreach (var (name, value) in signedHeaders)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var headersTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        headersTimeout.CancelAfter(_headersTimeout);
        try
        {
            return await _invoker.SendAsync(request, headersTimeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Bedrock sent no response headers within {_headersTimeout.TotalSeconds:0} s.");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _invoker.Dispose();
}
