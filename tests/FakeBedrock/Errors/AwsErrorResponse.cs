using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OrleansProxy.Testing.FakeBedrock.Json;

namespace OrleansProxy.Testing.FakeBedrock.Errors;

/// <summary>Writes an <see cref="AwsError"/> the way AWS's REST-JSON services do: status, <c>x-amzn-ErrorType</c>, <c>{"message":"…"}</c>.</summary>
internal static class AwsErrorResponse
{
    public static async Task WriteAsync(HttpResponse response, AwsError error, CancellationToken cancellationToken)
    {
        response.StatusCode = error.StatusCode;
        response.Headers["x-amzn-ErrorType"] = error.ErrorTypeHeader;
        response.ContentType = "application/json";
        var body = Body(error.Message);
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellationToken);
    }

    public static byte[] Body(string message)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, FakeJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("message", message);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
