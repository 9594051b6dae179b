using OrleansProxy.Gateway.Auth;
using OrleansProxy.Gateway.Forwarding;
using OrleansProxy.Usage;
using OrleansProxy.Users;

namespace OrleansProxy.Gateway.Users;

/// <summary>
/// An admitted request's concurrency slot in its user's grain: renewed while the answer lasts, ended once with what
/// Bedrock billed. Disposing without <see cref="End"/> (a failure, a cancellation) ends it with no tokens.
/// </summary>
public sealed class UserSlot : IAsyncDisposable
{
    private readonly UserUsageReporter _reporter;
    private readonly UserMetrics _metrics;
    private readonly PriceTable _prices;
    private readonly TimeProvider _time;
    private readonly LeaseRenewal _renewal;
    private readonly string _requestId;
    private int _ended;

    internal UserSlot(CallerUser caller, string family, Guid slotId, LeaseRenewal renewal, UserUsageReporter reporter,
        UserMetrics metrics, PriceTable prices, TimeProvider time, string requestId)
    {
        Caller = caller;
        Family = family;
        SlotId = slotId;
        _renewal = renewal;
        _reporter = reporter;
        _metrics = metrics;
        _prices = prices;
        _time = time;
        _requestId = requestId;
    }

    /// <summary>The user.</summary>
    public CallerUser Caller { get; }

    /// <summary>The model family admitted.</summary>
    public string Family { get; }

    /// <summary>The slot's id in the user grain.</summary>
    public Guid SlotId { get; }

    /// <summary>Ends the request with <paramref name="tokens"/> (once; later calls do nothing).</summary>
    public void End(TokenUsage tokens)
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
        {
            return;
        }

        _metrics.Used(Caller.UserId, Family, tokens, _prices.Cost(Family, tokens));
        _reporter.Release(Caller.UserId, new SlotRelease(SlotId, Family, tokens, _time.GetUtcNow()), _requestId);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _renewal.DisposeAsync();
        End(default);
    }
}
