using Microsoft.Extensions.Options;
using OrleansProxy.Bedrock;
using OrleansProxy.Gateway.Errors;
using OrleansProxy.Gateway.Hosting;
using OrleansProxy.Gateway.Streaming;

namespace OrleansProxy.Gateway.Forwarding;

/// <summary>
/// Pumps Bedrock's event stream to the client as SSE in its dialect, event by event as frames arrive, flushing
/// each. Silence longer than <see cref="GatewayOptions.StreamIdleTimeout"/> ends the stream with an error event.
/// </summary>
public sealed class UpstreamStreamer(IOptions<GatewayOptions> options, TimeProvider time, ProxyMetrics metrics)
{
    /// <summary>Streams the answer; returns usage and any error met.</summary>
    public async Task<StreamOutcome> StreamAsync(AttemptContext ctx, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var translator = StreamTranslators.Create(ctx.Request, ctx.RequestId, time.GetUtcNow());
        var idleTimeout = options.Value.StreamIdleTimeout;
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(idleTimeout);
        var eventsWritten = 0;
        BedrockError? error = null;
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(idle.Token);
            await foreach (var item in BedrockEventStreamReader.ReadAsync(body, idle.Token))
            {
                idle.CancelAfter(idleTimeout);
                if (item.Kind == BedrockStreamEventKind.Chunk)
                {
                    if (eventsWritten++ == 0)
                    {
                        await ctx.Client.StartSseAsync(cancellationToken);
                        metrics.FirstByte(ctx.Endpoint, ctx.Request.Model.Family, time.GetElapsedTime(ctx.Started));
                    }

                    translator.OnEvent(item.Chunk.Span, ctx.Client.Writer);
                    await ctx.Client.FlushAsync(cancellationToken);
                    continue;
                }

                error = item.Kind == BedrockStreamEventKind.Exception
                    ? item.Error!
                    : new BedrockError(502, "CorruptEventStream", item.Failure ?? "the event stream was corrupt");
                if (eventsWritten == 0 && error.RetryElsewhere)
                {
                    return new StreamOutcome(default, error, Retry: true, ClientGone: false);
                }

                await WriteErrorAsync(ctx, translator, item.Kind == BedrockStreamEventKind.Exception
                    ? BedrockErrorMapping.FromBedrock(error)
                    : BedrockErrorMapping.ForCorruptStream(item.Failure ?? "corrupt frame"), cancellationToken);
                break;
            }

            if (error is null && !translator.Usage.SawTerminalEvent)
            {
                error = new BedrockError(502, "TruncatedEventStream", "Bedrock's stream ended before the answer was complete.");
                await WriteErrorAsync(ctx, translator, new ProxyError(502, ErrorTypes.Api, error.Message), cancellationToken);
            }

            translator.OnEnd(ctx.Client.Writer);
            await ctx.Client.FlushAsync(cancellationToken);
            return new StreamOutcome(translator.Usage.Tokens, error, Retry: false, ClientGone: false);
        }
        catch (OperationCanceledException) when (ctx.Http.RequestAborted.IsCancellationRequested)
        {
            // The client went away: disposing the response aborts the upstream request.
            return new StreamOutcome(translator.Usage.Tokens, null, Retry: false, ClientGone: true);
        }
        catch (OperationCanceledException) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var silence = new BedrockError(504, "StreamIdleTimeout", $"Bedrock sent nothing for {idleTimeout.TotalSeconds:0} s.");
            return await BrokenOffAsync(ctx, translator, eventsWritten, silence, cancellationToken);
        }
        catch (IOException) when (ctx.Http.RequestAborted.IsCancellationRequested)
        {
            return new StreamOutcome(translator.Usage.Tokens, null, Retry: false, ClientGone: true);
        }
        catch (Exception exception) when (UpstreamErrors.IsConnectionBreak(exception, cancellationToken))
        {
            return await BrokenOffAsync(ctx, translator, eventsWritten, UpstreamErrors.ConnectionBroke, cancellationToken);
        }
    }

    /// <summary>
    /// Bedrock's stream stopped without an answer (silence, or a broken connection). Before any event reached the client
    /// another credential may answer; after, the client gets an error event rather than a stream that just stops.
    /// </summary>
    private static async Task<StreamOutcome> BrokenOffAsync(
        AttemptContext ctx, IStreamTranslator translator, int eventsWritten, BedrockError error, CancellationToken cancellationToken)
    {
        if (eventsWritten == 0)
        {
            return new StreamOutcome(default, error, Retry: true, ClientGone: false);
        }

        await WriteErrorAsync(ctx, translator, new ProxyError(error.StatusCode, ErrorTypes.Api, error.Message), cancellationToken);
        translator.OnEnd(ctx.Client.Writer);
        await ctx.Client.FlushAsync(cancellationToken);
        return new StreamOutcome(translator.Usage.Tokens, error, Retry: false, ClientGone: false);
    }

    private static async Task WriteErrorAsync(AttemptContext ctx, IStreamTranslator translator, ProxyError error, CancellationToken cancellationToken)
    {
        await ctx.Client.StartSseAsync(cancellationToken);
        translator.OnError(error, ctx.Client.Writer);
        await ctx.Client.FlushAsync(cancellationToken);
    }
}
