using System.Buffers;

namespace OrleansProxy.Gateway.Endpoints;

/// <summary>
/// Reads a whole HTTP body into memory up to a limit: a client's request, or Bedrock's non-streaming answer. An
/// announced length is trusted for the allocation only when small, so a peer announcing 32 MiB and then trickling does
/// not make the proxy hold 32 MiB before anything arrived.
/// </summary>
public static class BoundedBody
{
    private const long ExactReadMaxBytes = 1024 * 1024;

    /// <summary>
    /// The body, or null once it passes <paramref name="limit"/> (or announces more). Throws
    /// <see cref="EndOfStreamException"/> when it ends before its announced length.
    /// </summary>
    public static async Task<byte[]?> ReadAsync(Stream body, long? announcedLength, long limit, CancellationToken cancellationToken)
    {
        if (announcedLength > limit)
        {
            return null;
        }

        return announcedLength is { } length && length <= ExactReadMaxBytes
            ? await ReadExactlyAsync(body, length, cancellationToken)
            : await ReadChunkedAsync(body, limit, cancellationToken);
    }

    /// <summary>A body of known length: one array of exactly that size, filled in place (the common case).</summary>
    private static async Task<byte[]> ReadExactlyAsync(Stream body, long length, CancellationToken cancellationToken)
    {
        var buffer = new byte[length];
        await body.ReadExactlyAsync(buffer, cancellationToken);
        return buffer;
    }

    /// <summary>A body of unknown (or large) length: read through a pooled buffer, refusing (null) once past the limit.</summary>
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
}
