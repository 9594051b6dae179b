using Microsoft.AspNetCore.Diagnostics;
using OrleansProxy.Gateway.Auth;
using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.Errors;

/// <summary>
/// The last resort for an exception no endpoint expected: a 500 in the endpoint's error shape (Anthropic, or OpenAI's on
/// the OpenAI endpoint) instead of an empty answer. ASP.NET Core's exception handler logs the exception; the client gets
/// a fixed message, never the exception's text. A response already under way cannot be replaced and is aborted.
/// </summary>
public static class UnexpectedErrors
{
    /// <summary>The body's message.</summary>
    public const string Message = "The proxy met an unexpected error. Retry; if it persists, tell the proxy's operator.";

    /// <summary>Adds the handler; call before the endpoints are mapped.</summary>
    public static IApplicationBuilder UseProxyErrorBodies(this IApplicationBuilder app) =>
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteAsync });

    private static async Task WriteAsync(HttpContext http)
    {
        var dialect = http.Features.Get<IExceptionHandlerFeature>()?.Endpoint?.Metadata.GetMetadata<ClientDialectMetadata>()?.Dialect
            ?? ClientDialect.AnthropicMessages;
        var error = new ProxyError(500, ErrorTypes.Api, Message);
        ErrorBodies.Prepare(http.Response, dialect, error);
        await http.Response.Body.WriteAsync(ErrorBodies.For(dialect, error), http.RequestAborted);
    }
}
