using System.Text.Json;
using OrleansProxy.Gateway.Admin;
using OrleansProxy.Gateway.Endpoints;

namespace OrleansProxy.Gateway.Users;

/// <summary>Reads a user create or patch body: at most <see cref="MaxBytes"/>, one JSON document.</summary>
public static class UserBody
{
    /// <summary>The largest body accepted.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The parsed body (the caller disposes it), or the admin error to answer with.</summary>
    public static async Task<(JsonDocument? Body, IResult? Error)> ReadAsync(HttpContext http)
    {
        var (bytes, error) = await RequestBodyReader.ReadAsync(http.Request, MaxBytes, http.RequestAborted);
        if (error is not null)
        {
            return (null, AdminErrors.Problem(error.StatusCode, "invalid_request_error", error.Message));
        }

        try
        {
            return (JsonDocument.Parse(bytes), null);
        }
        catch (JsonException exception)
        {
            return (null, AdminErrors.Invalid($"The body is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1})."));
        }
    }
}
