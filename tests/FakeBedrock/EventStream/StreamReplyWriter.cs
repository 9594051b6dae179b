using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using OrleansProxy.Testing.FakeBedrock.Endpoints;
using OrleansProxy.Testing.FakeBedrock.Invocation;

namespace OrleansProxy.Testing.FakeBedrock.EventStream;

/// <summary>
/// Streams an answer as Bedrock does: one event-stream frame per model event, each flushed at
/// once so a test can prove the product forwards without buffering. Honours the key's chunking,
/// delay, mid-stream-exception and cut-off knobs; a caller that goes away surfaces as cancellation.
/// </summary>
internal sealed class StreamReplyWriter
{
    private const long CutAnnouncedLength = 1024 * 1024;

    private readonly BedrockCall _call;
    private readonly TimeSpan _delay;
    private int _framesSent;
    private long _firstByteMs;

    private StreamReplyWriter(BedrockCall call)
    {
        _call = call;
        _delay = call.Account.StreamChunkDelay;
    }

    /// <summary>Streams <paramref name="answer"/>; with <paramref name="cut"/>, closes the connection after half its text chunks.</summary>
    public static Task WriteAsync(BedrockCall call, InvocationAnswer answer, bool cut = false) => new StreamReplyWriter(call).RunAsync(answer, cut);

    private async Task RunAsync(InvocationAnswer answer, bool cut)
    {
        var response = _call.Http.Response;
        _call.Trace.StatusCode = StatusCodes.Status200OK;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/vnd.amazon.eventstream";
        response.Headers["x-amzn-bedrock-content-type"] = "application/json";
        _call.Http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        if (cut)
        {
            // Announce more than will come: returning early then makes Kestrel close the connection after the frames
            // already written (FIN), instead of ending the chunked body properly.
            response.ContentLength = CutAnnouncedLength;
        }

        var messages = answer.Api == FakeModelApi.Messages;
        if (messages)
        {
            await SendEventAsync(MessagesJson.MessageStart(MessagesJson.NewMessageId(), answer.Model.AnthropicName, answer.Usage));
            await SendEventAsync(MessagesJson.ContentBlockStart());
        }

        var midStream = _call.Account.MidStreamException;
        var deltas = ReplyChunks.Split(answer.Reply, _call.Account.StreamChunks);
        for (var i = 0; i < deltas.Count; i++)
        {
            if (midStream is not null && i == midStream.AfterChunks)
            {
                break;
            }

            if (cut && i == deltas.Count / 2)
            {
                _call.Trace.ErrorType = BedrockCall.CutErrorType;
                return;
            }

            await SendEventAsync(messages ? MessagesJson.TextDelta(deltas[i]) : TextCompletionJson.Delta(deltas[i]));
        }

        if (midStream is not null)
        {
            _call.Trace.ErrorType = midStream.ExceptionType;
            var text = MidStreamMessages.For(midStream.ExceptionType, _call.Account.ThrottleMessage);
            await SendFrameAsync(EventStreamFrames.Exception(midStream.ExceptionType, text));
            return;
        }

        if (messages)
        {
            await SendEventAsync(MessagesJson.ContentBlockStop());
            await SendEventAsync(MessagesJson.MessageDelta(answer.OutputTokens));
            await SendEventAsync(MessagesJson.MessageStop(Metrics(answer)));
        }
        else
        {
            await SendEventAsync(TextCompletionJson.Last(Metrics(answer)));
        }
    }

    private InvocationMetrics Metrics(InvocationAnswer answer) =>
        new(answer.InputTokens, answer.OutputTokens, _call.ElapsedMilliseconds, _firstByteMs)
        {
            Cache = answer.ReportsCache ? (answer.CacheReadTokens, answer.CacheWriteTokens) : null,
        };

    private Task SendEventAsync(byte[] modelEvent) => SendFrameAsync(EventStreamFrames.Chunk(modelEvent));

    private async Task SendFrameAsync(byte[] frame)
    {
        var aborted = _call.Aborted;
        if (_framesSent++ > 0 && _delay > TimeSpan.Zero)
        {
            await Task.Delay(_delay, _call.State.Time, aborted);
        }

        var body = _call.Http.Response.Body;
        await body.WriteAsync(frame, aborted);
        await body.FlushAsync(aborted);
        if (_framesSent == 1)
        {
            _firstByteMs = _call.ElapsedMilliseconds;
        }

        aborted.ThrowIfCancellationRequested();
    }
}
