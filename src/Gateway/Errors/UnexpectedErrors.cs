using Microsoft.AspNetCore.Diagnostics;
using OrleansProxy.Gateway.Auth;
using OrleansProxy.Gateway.Endpoints;
using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.Errors;

/// <summary>
/// The last resort for what no endpoint answered itself. An exception no endpoint expected becomes a 500 in the
/// endpoint's error shape (Anthropic, or OpenAI's on the OpenAI endpoint) instead of an empty answer; ASP.NET Core's
/// exception handler logs it and the client gets a fixed message, never the exception's text, except for Kestrel's
/// own framing faults (a malformed chunk, a body cut short), which are the client's and answer 400. A response already
/// under way cannot be replaced and is aborted. Under the API prefix, the routing's empty 404 and 405 answers get the
/// error JSON the SDKs parse.
/// </summary>
public static class UnexpectedErrors
{
    /// <summary>The body's message.</summary>
    public const string Message = "The proxy met an unexpected error. Retry; if it persists, tell the proxy's operator.";

    private const int MaxPathShown = 200;

    /// <summary>Adds the handlers; call before the endpoints are mapped.</summary>
    public static IApplicationBuilder UseProxyErrorBodies(this IApplicationBuilder app) =>
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteAsync })
            .UseStatusCodePages(context => WriteRouteErrorAsync(context.HttpContext));

    private static async Task WriteAsync(HttpContext http)
    {
        var feature = http.Features.Get<IExceptionHandlerFeature>();
        var dialect = feature?.Endpoint?.Metadata.GetMetadata<ClientDialectMetadata>()?.Dialect ?? DialectOf(http.Request.Path);
        var error = feature?.Error is BadHttpRequestException bad
            ? RequestBodyReader.Unreadable(bad)
            : new ProxyError(500, ErrorTypes.Api, Message);
        ErrorBodies.Prepare(http.Response, dialect, error);
        await http.Response.Body.WriteAsync(ErrorBodies.For(dialect, error), http.RequestAborted);
    }

    /// <summary>
    /// A 404 (no such route) or 405 (a route, another method) under <see cref="ProxyEndpoints.BasePath"/>, which the
    /// routing answers with an empty body: the endpoint's error JSON instead. Elsewhere (the info page, the admin) the
    /// empty answer stays.
    /// </summary>
    private static Task WriteRouteErrorAsync(HttpContext http)
    {
        var request = http.Request;
        var status = http.Response.StatusCode;
        if (status is not (StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed)
            || !request.Path.StartsWithSegments(ProxyEndpoints.BasePath, StringComparison.OrdinalIgnoreCase))
        {
            return Task.CompletedTask;
        }

        var path = request.Path.Value ?? "";
        if (path.Length > MaxPathShown)
        {
            path = string.Concat(path.AsSpan(0, MaxPathShown), "…");
        }

        var error = status == StatusCodes.Status404NotFound
            ? new ProxyError(status, ErrorTypes.NotFound, $"Not found: this proxy has no endpoint {path}.")
            : new ProxyError(status, ErrorTypes.InvalidRequest,
                $"Method {request.Method} is not allowed on {path}; allowed: {http.Response.Headers.Allow}.");
        http.Response.ContentType = "application/json";
        return HttpMethods.IsHead(request.Method)
            ? Task.CompletedTask
            : http.Response.Body.WriteAsync(ErrorBodies.For(DialectOf(request.Path), error), http.RequestAborted).AsTask();
    }

    private static ClientDialect DialectOf(PathString path) =>
        path.StartsWithSegments(BedrockFront.BedrockFrontEndpoints.BasePath, StringComparison.OrdinalIgnoreCase) ? ClientDialect.BedrockInvoke
        : path.Value?.Contains("/chat/completions", StringComparison.OrdinalIgnoreCase) == true ? ClientDialect.OpenAiChat
        : ClientDialect.AnthropicMessages;
}
