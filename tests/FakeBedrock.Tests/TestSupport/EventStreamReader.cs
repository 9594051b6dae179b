using System.Text.Json;
using Amazon.Runtime.EventStreams;
using Amazon.Runtime.EventStreams.Internal;

namespace OrleansProxy.Testing.FakeBedrock.Tests.TestSupport;

/// <summary>
/// Decodes an event-stream body with AWSSDK.Core's decoder, the one the product uses. Each read is
/// handed over as its own array from offset 0: the decoder loses messages when given an offset.
/// </summary>
internal sealed class EventStreamReader : IDisposable
{
    private readonly Stream _body;
    private readonly EventStreamDecoder _decoder = new();
    private readonly Queue<EventStreamMessage> _messages = new();

    public EventStreamReader(Stream body)
    {
        _body = body;
        _decoder.MessageReceived += (_, args) => _messages.Enqueue(args.Message);
    }

    /// <summary>The next frame, or null at the end of the body.</summary>
    public async Task<EventStreamMessage?> NextAsync(CancellationToken cancellationToken = default)
    {
        while (_messages.Count == 0)
        {
            var buffer = new byte[4096];
            var read = await _body.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return null;
            }

            _decoder.ProcessData(buffer, 0, read);
        }

        return _messages.Dequeue();
    }

    public async Task<List<EventStreamMessage>> ReadAllAsync()
    {
        var all = new List<EventStreamMessage>();
        while (await NextAsync() is { } message)
        {
            all.Add(message);
        }

        return all;
    }

    public static string Header(EventStreamMessage message, string name) => message.Headers[name].AsString();

    /// <summary>The model event inside a chunk frame: <c>{"bytes":"&lt;base64&gt;","p":"…"}</c> → the decoded JSON.</summary>
    public static JsonElement ModelEvent(EventStreamMessage chunk)
    {
        using var payload = JsonDocument.Parse(chunk.Payload);
        var bytes = payload.RootElement.GetProperty("bytes").GetBytesFromBase64();
        return JsonDocument.Parse(bytes).RootElement.Clone();
    }

    public void Dispose() => _decoder.Dispose();
}
