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
        catch (BadHttpRequestException exception)
        {
            // Kestrel's framing faults: a malformed chunk, a body cut short, one too slow to arrive (408).
            return (null, Unreadable(exception));
        }
        catch (EndOfStreamException)
        {
            return (null, ProxyError.InvalidRequest("The request body ended before its Content-Length."));
        }
        catch (IOException exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Kestrel wraps some framing faults (a chunk size that overflows) in an IOException; a client that reset
            // the connection lands here too and will not read the answer.
            return (null, ProxyError.InvalidRequest("The request body could not be read: " + exception.Message.TrimEnd('.') + "."));
        }
    }

    /// <summary>The client's error for a body Kestrel could not read: its status (400, or 408 for a stalled upload).</summary>
    public static ProxyError Unreadable(BadHttpRequestException exception) =>
        exception.StatusCode == StatusCodes.Status408RequestTimeout
            ? new(StatusCodes.Status408RequestTimeout, ErrorTypes.InvalidRequest,
                "The request body stopped arriving before its end (its Content-Length or final chunk never came).")
            : new(exception.StatusCode is >= 400 and < 500 ? exception.StatusCode : StatusCodes.Status400BadRequest, ErrorTypes.InvalidRequest,
                "The request body could not be read: " + exception.Message.TrimEnd('.') + ".");

    private static ProxyError TooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, "request_too_large", $"The request body exceeds the proxy's limit of {limit / (1024 * 1024)} MiB.");
}
