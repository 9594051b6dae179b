using System.Text.Json;
using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.Errors;

/// <summary>Renders a <see cref="ProxyError"/> as the error JSON each client dialect expects.</summary>
public static class ErrorBodies
{
    /// <summary><c>{"type":"error","error":{"type":…,"message":…}}</c></summary>
    public static byte[] Anthropic(ProxyError error) =>
        JsonOutput.Build(error.Message.Length + 64, error, WriteAnthropic);

    /// <summary><c>{"error":{"message":…,"type":…,"param":null,"code":…}}</c></summary>
    public static byte[] OpenAi(ProxyError error) =>
        JsonOutput.Build(error.Message.Length + 96, error, WriteOpenAi);

    /// <summary>The error body in <paramref name="dialect"/>'s shape.</summary>
    public static byte[] For(ClientDialect dialect, ProxyError error) => dialect switch
    {
        ClientDialect.OpenAiChat => OpenAi(error),
        ClientDialect.BedrockInvoke => BedrockFront.AwsRestJsonErrors.Body(error),
        _ => Anthropic(error),
    };

    /// <summary>
    /// Sets an error answer's status and content type (and, in AWS's REST-JSON shape, its own status and the
    /// <c>x-amzn-ErrorType</c> header); returns the status.
    /// </summary>
    public static int Prepare(HttpResponse response, ClientDialect dialect, ProxyError error)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = dialect == ClientDialect.BedrockInvoke ? BedrockFront.AwsRestJsonErrors.Apply(response, error) : error.StatusCode;
        response.StatusCode = status;
        response.ContentType = "application/json";
        return status;
    }

    /// <summary>
    /// Sets the retry hints of an error answer: <c>retry-after</c> (whole seconds, at least 1) when one helps, and
    /// <c>x-should-retry: false</c> for a <see cref="ProxyError.Permanent"/> error.
    /// </summary>
    public static void SetRetryHeaders(HttpResponse response, ProxyError error, TimeSpan? retryAfter)
    {
        if (retryAfter is { } wait)
        {
            response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (error.Permanent)
        {
            response.Headers["x-should-retry"] = "false";
        }
    }

    internal static void WriteAnthropic(Utf8JsonWriter writer, ProxyError error)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "error"u8);
        writer.WriteStartObject("error"u8);
        writer.WriteString("type"u8, error.Type);
        writer.WriteString("message"u8, error.Message);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    internal static void WriteOpenAi(Utf8JsonWriter writer, ProxyError error)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("error"u8);
        writer.WriteString("message"u8, error.Message);
        writer.WriteString("type"u8, error.Type);
        writer.WriteNull("param"u8);
        writer.WriteString("code"u8, OpenAiCode(error));
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    // OpenAI clients and the tools built on them key retry and UI logic on these codes.
    private static string OpenAiCode(ProxyError error) => error.Type switch
    {
        ErrorTypes.RateLimit => "rate_limit_exceeded",
        ErrorTypes.NotFound => "model_not_found",
        ErrorTypes.Authentication => "invalid_api_key",
        _ => error.Type,
    };
}
