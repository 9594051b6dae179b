using System.Text.Json;
using OrleansProxy.Gateway.Endpoints;

namespace OrleansProxy.Gateway.Admin;

/// <summary>Reads the optional <c>{"reason":"…"}</c> body of a disable request.</summary>
public static class DisableReason
{
    /// <summary>The longest reason kept.</summary>
    public const int MaxLength = 200;

    /// <summary>The reason (null when the body is empty or has none), or a problem with the body.</summary>
    public static async Task<(string? Reason, string? Problem)> ReadAsync(HttpContext http)
    {
        if (http.Request.ContentLength is 0 || (http.Request.ContentLength is null && !http.Request.Headers.ContainsKey("Transfer-Encoding")))
        {
            return (null, null);
        }

        var (body, error) = await RequestBodyReader.ReadAsync(http.Request, 16 * 1024, http.RequestAborted);
        if (error is not null)
        {
            return body is null && error.StatusCode == StatusCodes.Status400BadRequest ? (null, null) : (null, error.Message);
        }

        try
        {
            using var document = JsonDocument.Parse(body!);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, "The body must be a JSON object: {\"reason\":\"…\"}.");
            }

            if (!document.RootElement.TryGetProperty("reason", out var reason) || reason.ValueKind == JsonValueKind.Null)
            {
                return (null, null);
            }

            if (reason.ValueKind != JsonValueKind.String)
            {
                return (null, "reason must be a string.");
            }

            var text = reason.GetString()!.Trim();
            return (text.Length == 0 ? null : text.Length > MaxLength ? text[..MaxLength] : text, null);
        }
        catch (JsonException)
        {
            return (null, "The body must be a JSON object: {\"reason\":\"…\"}.");
        }
    }
}
