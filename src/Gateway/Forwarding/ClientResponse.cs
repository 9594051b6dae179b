using System.Buffers;
using System.Text;
using OrleansProxy.Gateway.Errors;
using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.Forwarding;

/// <summary>
/// The client's side of one request: whether its answer has started, and how to send an error either way. Once
/// SSE headers are out (a heartbeat or the first event), errors become SSE error events in the client's dialect.
/// </summary>
public sealed class ClientResponse(HttpContext http, ClientDialect dialect, bool stream)
{
    private static readonly byte[] Heartbeat = Encoding.ASCII.GetBytes(": keep-alive\n\n");

    /// <summary>Whether the response status and headers were sent.</summary>
    public bool Started => http.Response.HasStarted;

    /// <summary>Whether the client asked for a stream.</summary>
    public bool Stream => stream;

    /// <summary>The response body writer.</summary>
    public IBufferWriter<byte> Writer => http.Response.BodyWriter;

    /// <summary>Whether a waiting client can be kept alive with heartbeats (SSE comments); the AWS event stream has none.</summary>
    public bool CanHeartbeat => stream && dialect != ClientDialect.BedrockInvoke;

    /// <summary>Sends SSE headers (for the Bedrock front door, event-stream headers) if not sent yet.</summary>
    public async Task StartSseAsync(CancellationToken cancellationToken)
    {
        if (Started)
        {
            return;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        if (dialect == ClientDialect.BedrockInvoke)
        {
            // InvokeModelWithResponseStream's answer: AWS event-stream frames, each chunk's bytes being model JSON.
            http.Response.ContentType = BedrockFront.EventStreamWriter.ContentType;
            http.Response.Headers["x-amzn-bedrock-content-type"] = "application/json";
        }
        else
        {
            http.Response.ContentType = "text/event-stream; charset=utf-8";
        }

        http.Response.Headers.CacheControl = "no-cache";
        // Tell nginx-style load balancers not to buffer the stream.
        http.Response.Headers["X-Accel-Buffering"] = "no";
        await http.Response.StartAsync(cancellationToken);
    }

    /// <summary>Sends an SSE comment so a waiting streaming client and the proxies in between keep the connection.</summary>
    public async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        await StartSseAsync(cancellationToken);
        await http.Response.Body.WriteAsync(Heartbeat, cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
    }

    /// <summary>Flushes what the writer holds.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken) => await http.Response.BodyWriter.FlushAsync(cancellationToken);

    /// <summary>Sends a complete JSON answer.</summary>
    public async Task WriteJsonAsync(int status, byte[] body, CancellationToken cancellationToken)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, cancellationToken);
    }

    /// <summary>Sends an error: a JSON error body with its status, or an SSE error event once streaming has begun.</summary>
    public async Task WriteErrorAsync(ProxyError error, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        if (!Started)
        {
            ErrorBodies.SetRetryHeaders(http.Response, error, retryAfter);
            await WriteJsonAsync(ErrorBodies.Prepare(http.Response, dialect, error), ErrorBodies.For(dialect, error), cancellationToken);
            return;
        }

        if (dialect == ClientDialect.BedrockInvoke)
        {
            await http.Response.Body.WriteAsync(BedrockFront.EventStreamWriter.Exception(error), cancellationToken);
            await http.Response.Body.FlushAsync(cancellationToken);
            return;
        }

        await http.Response.Body.WriteAsync(SseError(error), cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
    }

    private byte[] SseError(ProxyError error)
    {
        var body = Encoding.UTF8.GetString(ErrorBodies.For(dialect, error));
        return Encoding.UTF8.GetBytes(dialect == ClientDialect.OpenAiChat
            ? $"data: {body}\n\ndata: [DONE]\n\n"
            : $"event: error\ndata: {body}\n\n");
    }
}
