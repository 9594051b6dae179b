using System.Buffers;
using System.Diagnostics;

namespace OrleansProxy.LoadTest.Load;

/// <summary>
/// One connection's closed loop: send, read the whole answer, record, repeat until the window ends. Only answers
/// that complete inside [measureFrom, measureTo] count.
/// </summary>
internal sealed class LoadWorker(
    HttpMessageInvoker invoker, Requests.RequestProfile profile, bool stream, long phaseStart, long measureFrom, long measureTo)
{
    private const int MaxErrorText = 300;
    private const int MaxSeconds = 300;

    public List<long> Total { get; } = new(8192);

    public List<long> FirstByte { get; } = new(8192);

    /// <summary>Good answers per whole second since the phase started, warm-up included: shows when a target is warm.</summary>
    public int[] PerSecond { get; } = new int[MaxSeconds];

    public int Errors { get; private set; }

    public string? FirstError { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        var body = new ArrayBufferWriter<byte>(16 * 1024);
        while (Stopwatch.GetTimestamp() < measureTo && !cancellationToken.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            long firstByte = 0;
            string? error = null;
            try
            {
                using var request = profile.Create(stream);
                using var response = await invoker.SendAsync(request, cancellationToken);
                body.ResetWrittenCount();
                await using var content = await response.Content.ReadAsStreamAsync(cancellationToken);
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    if (firstByte == 0)
                    {
                        firstByte = Stopwatch.GetTimestamp();
                    }

                    body.Write(buffer.AsSpan(0, read));
                }

                if (!profile.IsGoodAnswer(stream, response, body.WrittenSpan))
                {
                    error = $"HTTP {(int)response.StatusCode}: {Text(body.WrittenSpan)}";
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException or OperationCanceledException)
            {
                error = $"{exception.GetType().Name}: {exception.Message}";
            }

            var ended = Stopwatch.GetTimestamp();
            var second = (int)((ended - phaseStart) / Stopwatch.Frequency);
            if (error is null && second < MaxSeconds)
            {
                PerSecond[second]++;
            }

            if (ended < measureFrom || ended > measureTo)
            {
                continue;
            }

            if (error is null)
            {
                Total.Add(ended - started);
                FirstByte.Add((firstByte == 0 ? ended : firstByte) - started);
            }
            else
            {
                Errors++;
                FirstError ??= error;
            }
        }
    }

    private static string Text(ReadOnlySpan<byte> body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body[..Math.Min(body.Length, MaxErrorText)]);
        return text.ReplaceLineEndings(" ");
    }
}
