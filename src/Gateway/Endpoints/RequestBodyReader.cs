using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using OrleansProxy.Gateway.Errors;

namespace OrleansProxy.Gateway.Endpoints;

/// <summary>Reads a request body up to a limit, answering 413 rather than buffering an unbounded upload.</summary>
public static class RequestBodyReader
{
    private const long ExactReadMaxBytes = 1024 * 1024;

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
            // An announced length is trusted for the allocation only when small: a client announcing 32 MiB and then
            // trickling must not make the proxy hold 32 MiB per connection before it sent anything.
            var body = request.ContentLength is { } length && length <= ExactReadMaxBytes
                ? await ReadExactlyAsync(request.Body, length, cancellationToken)
                : await ReadChunkedAsync(request.Body, limit, cancellationToken);
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

    /// <summary>A body of known length: one array of exactly that size, filled in place (the common case).</summary>
    private static async Task<byte[]> ReadExactlyAsync(Stream body, long length, CancellationToken cancellationToken)
    {
        var buffer = new byte[length];
        // The server ends the read with an error if the client sends fewer bytes than it announced.
        await body.ReadExactlyAsync(buffer, cancellationToken);
        return buffer;
    }

    /// <summary>A chunked body: read through a pooled buffer, refusing (null) as soon as it passes the limit.</summary>
    private static async Task<byte[]?> ReadChunkedAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private static ProxyError TooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, "request_too_large", $"The request body exceeds the proxy's limit of {limit / (1024 * 1024)} MiB.");
}
