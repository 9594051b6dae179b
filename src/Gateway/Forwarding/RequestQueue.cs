using Microsoft.Extensions.Options;
using OrleansProxy.Gateway.Hosting;

namespace OrleansProxy.Gateway.Forwarding;

/// <summary>Why a request waits in the <see cref="RequestQueue"/>; the <c>reason</c> label of the queue metrics.</summary>
public enum QueueReason
{
    /// <summary>Every credential that can serve it is busy, throttled or still being checked.</summary>
    Credential,

    /// <summary>Its user is at its <c>maxConcurrent</c> limit.</summary>
    UserConcurrency,
}

/// <summary>
/// A gateway's one bounded wait queue, whatever a request waits for: at most <see cref="GatewayOptions.MaxQueueLength"/>
/// waiters, each polling at its source's retry hint (at least every 50 ms, at most until its budget ends) and
/// sending heartbeats to streaming clients so their connections stay open. A request joins only once it has been
/// told to wait, so requests served at once never touch it.
/// </summary>
public sealed class RequestQueue(IOptions<GatewayOptions> options, TimeProvider time, ProxyMetrics metrics)
{
    private static readonly TimeSpan MinPoll = TimeSpan.FromMilliseconds(50);
    private int _waiting;
    private long _recentWaitTicks;

    /// <summary>Requests waiting right now on this gateway, for any reason.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>A smoothed estimate of how long recent queued requests waited.</summary>
    public TimeSpan EstimatedWait => TimeSpan.FromTicks(Interlocked.Read(ref _recentWaitTicks));

    /// <summary>Joins the queue; null when it is full (the caller answers 429 at once).</summary>
    /// <param name="reason">What the request waits for.</param>
    /// <param name="started">When the request started waiting (a <see cref="TimeProvider.GetTimestamp"/>).</param>
    /// <param name="heartbeat">Called while waiting, for streaming clients.</param>
    public QueueWait? TryJoin(QueueReason reason, long started, Func<CancellationToken, Task>? heartbeat)
    {
        if (Interlocked.Increment(ref _waiting) > options.Value.MaxQueueLength)
        {
            Interlocked.Decrement(ref _waiting);
            metrics.QueueRejected(reason);
            return null;
        }

        metrics.QueueEntered(reason);
        return new QueueWait(this, reason, started, heartbeat);
    }

    private void Left(QueueReason reason, TimeSpan waited)
    {
        Interlocked.Decrement(ref _waiting);
        metrics.QueueLeft(reason, waited);
        // Exponential smoothing: one slow outlier should not dominate the info page's estimate.
        var previous = Interlocked.Read(ref _recentWaitTicks);
        Interlocked.Exchange(ref _recentWaitTicks, (long)(previous * 0.8 + waited.Ticks * 0.2));
    }

    /// <summary>One request's place in the queue; dispose it when the request stops waiting, however that happens.</summary>
    public sealed class QueueWait : IDisposable
    {
        private readonly RequestQueue _queue;
        private readonly QueueReason _reason;
        private readonly long _started;
        private readonly Func<CancellationToken, Task>? _heartbeat;
        private long _lastHeartbeat;
        private bool _left;

        internal QueueWait(RequestQueue queue, QueueReason reason, long started, Func<CancellationToken, Task>? heartbeat)
        {
            _queue = queue;
            _reason = reason;
            _started = started;
            _lastHeartbeat = started;
            _heartbeat = heartbeat;
        }

        /// <summary>How long the request has waited.</summary>
        public TimeSpan Waited => _queue.TimeProvider.GetElapsedTime(_started);

        /// <summary>
        /// Waits before the next try: <paramref name="retryHint"/>, kept between 50 ms and what is left of
        /// <paramref name="maxWait"/>, shortened to send a due heartbeat. False, without waiting, when the budget is spent.
        /// </summary>
        public async Task<bool> PauseAsync(TimeSpan retryHint, TimeSpan maxWait, CancellationToken cancellationToken)
        {
            var time = _queue.TimeProvider;
            var remaining = maxWait - time.GetElapsedTime(_started);
            if (remaining <= TimeSpan.Zero)
            {
                return false;
            }

            var pause = Clamp(retryHint, MinPoll, remaining);
            var heartbeatInterval = _queue.HeartbeatInterval;
            if (_heartbeat is not null)
            {
                var untilHeartbeat = heartbeatInterval - time.GetElapsedTime(_lastHeartbeat);
                pause = Clamp(pause, TimeSpan.Zero, untilHeartbeat < MinPoll ? MinPoll : untilHeartbeat);
            }

            await Task.Delay(pause, time, cancellationToken);
            if (_heartbeat is not null && time.GetElapsedTime(_lastHeartbeat) >= heartbeatInterval)
            {
                await _heartbeat(cancellationToken);
                _lastHeartbeat = time.GetTimestamp();
            }

            return true;
        }

        /// <inheritdoc />
        public void Dispose()
        {
            if (!_left)
            {
                _left = true;
                _queue.Left(_reason, Waited);
            }
        }
    }

    private TimeProvider TimeProvider => time;

    private TimeSpan HeartbeatInterval => options.Value.HeartbeatInterval;

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) =>
        value < min ? (min < max ? min : max) : value > max ? max : value;
}
