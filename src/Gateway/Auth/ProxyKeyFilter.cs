using System.Security.Cryptography;
using System.Text;
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
    private readonly byte[]? _expected = options.Value.ProxyKey is { Length: > 0 } key ? Digest(key) : null;

    /// <summary>Whether the proxy requires a key.</summary>
    public bool IsOpen => _expected is null;

    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (_expected is null || Matches(context.HttpContext.Request))
        {
            return await next(context);
        }

        var dialect = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<ClientDialectMetadata>()?.Dialect
            ?? ClientDialect.AnthropicMessages;
        var error = new ProxyError(StatusCodes.Status401Unauthorized, ErrorTypes.Authentication,
            "Missing or invalid proxy key. Send it as the x-api-key header or as Authorization: Bearer <key>.");
        context.HttpContext.Response.StatusCode = error.StatusCode;
        return Results.Bytes(ErrorBodies.For(dialect, error), "application/json");
    }

    private bool Matches(HttpRequest request)
    {
        var presented = request.Headers["x-api-key"].ToString();
        if (presented.Length == 0)
        {
            var authorization = request.Headers.Authorization.ToString();
            if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                presented = authorization["Bearer ".Length..].Trim();
            }
        }

        return presented.Length > 0 && CryptographicOperations.FixedTimeEquals(Digest(presented), _expected);
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
