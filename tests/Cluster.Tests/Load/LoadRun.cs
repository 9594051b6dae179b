using System.Collections.Concurrent;

namespace OrleansProxy.Cluster.Tests.Load;

/// <summary>
/// Steady, bounded load: a fixed number of client loops, each bound to one gateway, sending small Messages requests
/// (every fourth streamed) with a short pause between them, until stopped. Every request is recorded.
/// </summary>
public sealed class LoadRun : IAsyncDisposable
{
    private static readonly TimeSpan ThinkTime = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan PauseAfterFailure = TimeSpan.FromMilliseconds(250);
    private readonly ConcurrentQueue<RequestRecord> _records = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ProxyClient _client;
    private readonly Task _loops;

    private LoadRun(IReadOnlyList<Uri> gateways, int clients, string proxyKey)
    {
        _client = new ProxyClient(gateways, proxyKey);
        _loops = Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(() => ClientLoopAsync(c, c % gateways.Count))));
    }

    /// <summary>Time since the run began (the clock its <see cref="RequestRecord"/>s use).</summary>
    public TimeSpan Elapsed => _client.Elapsed;

    /// <summary>Starts <paramref name="clients"/> client loops spread round-robin over <paramref name="gateways"/>.</summary>
    public static LoadRun Start(IReadOnlyList<Uri> gateways, int clients, string proxyKey) => new(gateways, clients, proxyKey);

    /// <summary>Stops the loops (requests in flight finish) and returns every request, in start order.</summary>
    public async Task<IReadOnlyList<RequestRecord>> StopAsync()
    {
        await _stop.CancelAsync();
        await _loops;
        return [.. _records.OrderBy(r => r.Started)];
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _client.Dispose();
        _stop.Dispose();
    }

    private async Task ClientLoopAsync(int client, int gateway)
    {
        for (var n = 0; !_stop.IsCancellationRequested; n++)
        {
            var record = await _client.SendAsync(gateway, stream: n % 4 == 3, $"drill client {client} request {n}");
            _records.Enqueue(record);
            try
            {
                await Task.Delay(record.Ok ? ThinkTime : PauseAfterFailure, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
