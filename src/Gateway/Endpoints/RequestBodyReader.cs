using Microsoft.AspNetCore.Http.Features;
using OrleansProxy.Gateway.Errors;

namespace OrleansProxy.Gateway.Endpoints;

/// <summary>Reads a request body up to a limit, answering 413 rather than buffering an unbounded upload.</summary>
public static class RequestBodyReader
{
    /// <summary>The body, or the error to answer with.</summary>
    public static async Task<(byte[]? Body, ProxyError? Error)> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return (null, TooLarge(limit));
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit + 1;
        }

        try
        {
            var body = await BoundedBody.ReadAsync(request.Body, request.ContentLength, limit, cancellationToken);
            return body is null ? (null, TooLarge(limit))
                : body.Length == 0 ? (null, ProxyError.InvalidRequest("The request body is empty; send a JSON object."))
                : (body, null);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(limit));
        }
        catch (EndOfStreamException)
        {
            return (null, ProxyError.InvalidRequest("The request body ended before its Content-Length."));
        }
    }

    private static ProxyError TooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, "request_too_large", $"The request body exceeds the proxy's limit of {limit / (1024 * 1024)} MiB.");
}
