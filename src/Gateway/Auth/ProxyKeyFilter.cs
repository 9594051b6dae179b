using Microsoft.Extensions.Options;
using OrleansProxy.Gateway.Errors;
using OrleansProxy.Gateway.Hosting;
using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.Auth;

/// <summary>
/// Requires <c>PROXY_KEY</c> as <c>x-api-key</c> or <c>Authorization: Bearer</c> (SDKs send either) when one is
/// configured. Compared in constant time on SHA-256 digests, so neither the content nor the length leaks.
/// </summary>
public sealed class ProxyKeyFilter(IOptions<GatewayOptions> options) : IEndpointFilter
{
    private readonly KeyDigest _key = new(options.Value.ProxyKey);

    /// <summary>Whether the proxy requires a key.</summary>
    public bool IsOpen => !_key.IsConfigured;

    /// <summary>
    /// Who a request that passed this filter is, for scoping its prompt-cache session: the key's fingerprint (every
    /// holder of the one proxy key is one caller). An authentication layer that knows users sets
    /// <see cref="Sessions.SessionHints.CallerItem"/> instead.
    /// </summary>
    public string CallerScope => "key:" + _key.Fingerprint;

    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (IsOpen || _key.Matches(KeyDigest.Presented(context.HttpContext.Request, "x-api-key")))
        {
            return await next(context);
        }

        var dialect = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<ClientDialectMetadata>()?.Dialect
            ?? ClientDialect.AnthropicMessages;
        var error = new ProxyError(StatusCodes.Status401Unauthorized, ErrorTypes.Authentication,
            "Missing or invalid proxy key. Send it as the x-api-key header or as Authorization: Bearer <key>.");
        ErrorBodies.Prepare(context.HttpContext.Response, dialect, error);
        return Results.Bytes(ErrorBodies.For(dialect, error), "application/json");
    }
}
