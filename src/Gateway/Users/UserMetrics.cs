using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using OrleansProxy.Gateway.Forwarding;
using OrleansProxy.Gateway.Hosting;
using OrleansProxy.Usage;
using OrleansProxy.Users;

namespace OrleansProxy.Gateway.Users;

/// <summary>
/// Per-user instruments, labelled by user id (never a token). The first <see cref="GatewayOptions.MaxUserMetricLabels"/>
/// users a gateway sees get their own label and the rest count as <c>other</c>, so 100,000 users cannot blow up the
/// metrics backend's series.
/// </summary>
public sealed class UserMetrics
{
    private readonly ConcurrentDictionary<string, byte> _labelled = new(StringComparer.Ordinal);
    private readonly int _maxLabels;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _tokens;
    private readonly Counter<double> _cost;

    /// <summary>Creates the instruments on the gateway's meter.</summary>
    public UserMetrics(IMeterFactory meterFactory, IOptions<GatewayOptions> options)
    {
        _maxLabels = options.Value.MaxUserMetricLabels;
        var meter = meterFactory.Create(ProxyMetrics.MeterName);
        _requests = meter.CreateCounter<long>("proxy.user.requests", "{request}", "Requests admitted per user");
        _refused = meter.CreateCounter<long>("proxy.user.refused", "{request}", "Requests refused per user and reason");
        _tokens = meter.CreateCounter<long>("proxy.user.tokens", "{token}", "Tokens per user, family and direction");
        _cost = meter.CreateCounter<double>("proxy.user.cost.estimated", "USD", "Estimated cost per user and family");
    }

    /// <summary>Counts an admitted request.</summary>
    public void Admitted(string userId, string family) =>
        _requests.Add(1, new TagList { { "user", Label(userId) }, { "family", family } });

    /// <summary>Counts a refusal.</summary>
    public void Refused(string userId, RefusalKind reason) =>
        _refused.Add(1, new TagList { { "user", Label(userId) }, { "reason", reason.ToString() } });

    /// <summary>Counts what a request of the user used.</summary>
    public void Used(string userId, string family, TokenUsage tokens, decimal? cost)
    {
        var user = Label(userId);
        Add(user, family, "input", tokens.Input);
        Add(user, family, "output", tokens.Output);
        Add(user, family, "cache_read", tokens.CacheRead);
        Add(user, family, "cache_write_5m", tokens.CacheWrite5m);
        Add(user, family, "cache_write_1h", tokens.CacheWrite1h);
        if (cost is { } usd && usd > 0)
        {
            _cost.Add((double)usd, new TagList { { "user", user }, { "family", family } });
        }
    }

    private void Add(string user, string family, string direction, long count)
    {
        if (count > 0)
        {
            _tokens.Add(count, new TagList { { "user", user }, { "family", family }, { "direction", direction } });
        }
    }

    private string Label(string userId) =>
        _labelled.ContainsKey(userId) || (_labelled.Count < _maxLabels && _labelled.TryAdd(userId, 0)) ? userId : "other";
}
