using System.Buffers;
using System.Runtime.CompilerServices;
using Amazon.Runtime.EventStreams;
using Amazon.Runtime.EventStreams.Internal;

namespace OrleansProxy.Gateway.Streaming;

/// <summary>
/// Decodes Bedrock's <c>application/vnd.amazon.eventstream</c> answer with AWSSDK.Core's decoder, yielding
/// each event as soon as its frame is complete.
/// </summary>
public static class BedrockEventStreamReader
{
    private const int BufferSize = 16 * 1024;

    /// <summary>
    /// Reads <paramref name="body"/> to its end. Decoding problems come back as a final
    /// <see cref="BedrockStreamEventKind.Corrupt"/> event, never as an exception; cancellation and I/O errors
    /// of <paramref name="body"/> do throw.
    /// </summary>
    public static async IAsyncEnumerable<BedrockStreamEvent> ReadAsync(
        Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var decoded = new Queue<EventStreamMessage>();
        using var decoder = new EventStreamDecoder();
        decoder.MessageReceived += (_, args) => decoded.Enqueue(args.Message);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        long received = 0;
        long framed = 0;
        try
        {
            while (true)
            {
                // Always fill from offset 0: the SDK's decoder loses messages when given a non-zero offset.
                var read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                received += read;
                var failure = Feed(decoder, buffer, read);
                while (decoded.TryDequeue(out var message))
                {
                    framed += EventStreamFrames.WireLength(message);
                    if (EventStreamFrames.ToEvent(message) is not { } streamEvent)
                    {
                        continue;
                    }

                    yield return streamEvent;
                    if (streamEvent.Kind == BedrockStreamEventKind.Corrupt)
                    {
                        yield break;
                    }
                }

                if (failure is not null)
                {
                    yield return BedrockStreamEvent.FromFailure(failure);
                    yield break;
                }
            }

            if (received != framed)
            {
                yield return BedrockStreamEvent.FromFailure(
                    $"the stream ended inside a frame ({received - framed} bytes of an incomplete frame)");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string? Feed(EventStreamDecoder decoder, byte[] buffer, int count)
    {
        try
        {
            decoder.ProcessData(buffer, 0, count);
            return null;
        }
        catch (EventStreamChecksumFailureException exception)
        {
            return "checksum mismatch: " + exception.Message;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The decoder is not reusable after throwing; the caller stops reading.
            return "undecodable frame: " + exception.Message;
        }
    }
}
