using System.Text.Json;
using OrleansProxy.Bedrock;

namespace OrleansProxy.Gateway.Forwarding;

/// <summary>Reads Bedrock's REST-JSON error answers: <c>x-amzn-ErrorType</c> plus <c>{"message":"..."}</c>.</summary>
public static class UpstreamErrors
{
    private const int MaxErrorBody = 64 * 1024;

    /// <summary>The connection to Bedrock broke before its answer was complete: the network's fault, not the key's.</summary>
    public static BedrockError ConnectionBroke { get; } =
        new(502, "UpstreamConnectionError", "The connection to Bedrock broke before the answer was complete.");

    /// <summary>
    /// Whether reading Bedrock's answer failed because the connection broke (a reset, or fewer bytes than announced)
    /// rather than because the request was cancelled.
    /// </summary>
    public static bool IsConnectionBreak(Exception exception, CancellationToken cancellationToken) =>
        exception is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested;

    /// <summary>Reads at most 64 KiB of the error body and classifies it.</summary>
    public static async Task<BedrockError> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxErrorBody];
        var length = 0;
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            int read;
            while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
            }
        }
        catch (Exception exception) when (IsConnectionBreak(exception, cancellationToken))
        {
            // The status and the error type header already say what happened; a message cut short is still a message.
        }

        var type = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
        return BedrockError.From((int)response.StatusCode, type, MessageOf(buffer.AsSpan(0, length)));
    }

    private static string? MessageOf(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isMessage = reader.ValueTextEquals("message"u8) || reader.ValueTextEquals("Message"u8);
                reader.Read();
                if (isMessage && reader.TokenType == JsonTokenType.String)
                {
                    return reader.GetString();
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }
}
