using Microsoft.Extensions.Options;
using OrleansProxy.Gateway.Forwarding;
using OrleansProxy.Gateway.Hosting;
using OrleansProxy.Users;

namespace OrleansProxy.Gateway.Users;

/// <summary>
/// Ends users' requests in their grains off the request path. An end first waits up to
/// <see cref="GatewayOptions.UserReleaseCarry"/> for the same user's next admission through this gateway, which carries
/// it (<see cref="AdmissionRequest.Releases"/>): a user with steady traffic costs one grain call per request. Ends
/// nobody picked up in time go alone, batched per user (<see cref="BackgroundBatches{T}"/>). A release that cannot be
/// delivered leaves its slot to expire; the grain counts each slot once, so sending one twice is harmless.
/// </summary>
public sealed partial class UserUsageReporter(GrainReferences grains, IOptions<GatewayOptions> options, ILogger<UserUsageReporter> logger) : IHostedService
{
    private const int MaxBatch = 256;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Held> _held = new(StringComparer.Ordinal);
    private BackgroundBatches<SlotRelease>? _batches;
    private bool _stopping;

    // Made on first use (a field initialiser cannot bind an instance method), once even under concurrent first calls.
    private BackgroundBatches<SlotRelease> Batches => Volatile.Read(ref _batches) ?? CreateBatches();

    /// <summary>Queues the end of a request of <paramref name="userId"/>.</summary>
    public void Release(string userId, SlotRelease release, string requestId)
    {
        var carry = options.Value.UserReleaseCarry;
        Held? held = null;
        lock (_gate)
        {
            if (_held.TryGetValue(userId, out var waiting))
            {
                waiting.Releases.Add(release);
                return;
            }

            if (carry > TimeSpan.Zero && !_stopping)
            {
                held = new Held([release], requestId);
                _held[userId] = held;
            }
        }

        if (held is null)
        {
            Batches.Add(userId, release, requestId);
            return;
        }

        _ = SendUnclaimedAsync(userId, held, carry);
    }

    /// <summary>The ends of <paramref name="userId"/>'s requests waiting to be carried, taken for an admission; null if none.</summary>
    public List<SlotRelease>? Take(string userId)
    {
        lock (_gate)
        {
            return _held.Remove(userId, out var held) ? held.Releases : null;
        }
    }

    /// <summary>Sends ends taken by an admission whose call failed (its outcome unknown) on their own.</summary>
    public void Resend(string userId, List<SlotRelease> releases, string requestId) => Batches.AddRange(userId, releases, requestId);

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        List<(string UserId, Held Held)> unsent;
        lock (_gate)
        {
            _stopping = true;
            unsent = [.. _held.Select(p => (p.Key, p.Value))];
            _held.Clear();
        }

        foreach (var (userId, held) in unsent)
        {
            Batches.AddRange(userId, held.Releases, held.RequestId);
        }

        return Batches.DrainAsync(options.Value.GrainCallTimeout * 3, cancellationToken);
    }

    // Real time, not the proxy clock: this is a transport delay, and a test's frozen clock must not hold releases back.
    private async Task SendUnclaimedAsync(string userId, Held held, TimeSpan carry)
    {
        await Task.Delay(carry).ConfigureAwait(false);
        lock (_gate)
        {
            if (!_held.TryGetValue(userId, out var current) || !ReferenceEquals(current, held))
            {
                // An admission carried them (or the gateway is stopping and sent them).
                return;
            }

            _held.Remove(userId);
        }

        Batches.AddRange(userId, held.Releases, held.RequestId);
    }

    private BackgroundBatches<SlotRelease> CreateBatches()
    {
        Interlocked.CompareExchange(ref _batches, new BackgroundBatches<SlotRelease>(SendAsync, MaxBatch), null);
        return _batches!;
    }

    private async Task SendAsync(string userId, List<SlotRelease> releases, string requestId)
    {
        using var timeout = new CancellationTokenSource(options.Value.GrainCallTimeout * 3);
        try
        {
            await GrainCalls.RetryAsync(
                async () =>
                {
                    await grains.User(userId).ReleaseAsync(releases);
                    return true;
                },
                null,
                timeout.Token);
        }
        catch (Exception exception)
        {
            // The slots expire on their own; the usage of these answers is lost to the user's counters.
            LogFailed(logger, requestId, releases.Count, userId, exception.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 2311, Level = LogLevel.Error,
        Message = "Request {RequestId}: releasing {Count} requests of user {UserId} failed ({Error}); their slots will expire and their usage is not counted")]
    private static partial void LogFailed(ILogger logger, string requestId, int count, string userId, string error);

    /// <summary>Ends waiting for an admission to carry them (mutated under the reporter's lock only).</summary>
    private sealed record Held(List<SlotRelease> Releases, string RequestId);
}
