using Microsoft.AspNetCore.Http;

namespace OrleansProxy.Testing.FakeBedrock.Endpoints;

/// <summary>Reads a whole request body: the signature covers its hash, so it must be complete before anything is checked.</summary>
internal static class RequestBody
{
    public static async Task<byte[]> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is long length and <= int.MaxValue)
        {
            var buffer = new byte[length];
            await request.Body.ReadExactlyAsync(buffer, cancellationToken);
            return buffer;
        }

        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }
}
