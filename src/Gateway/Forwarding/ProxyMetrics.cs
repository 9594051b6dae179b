using System.Diagnostics;
using System.Diagnostics.Metrics;
using OrleansProxy.Gateway.Translation;
using OrleansProxy.Usage;

namespace OrleansProxy.Gateway.Forwarding;

/// <summary>
/// The gateway's OpenTelemetry instruments. Labels are dialects, families, statuses and AWS error type names;
/// never a key, a credential id or anything a client sent beyond the model family.
/// </summary>
public sealed class ProxyMetrics
{
    /// <summary>The meter name to export.</summary>
    public const string MeterName = "OrleansProxy.Gateway";

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _timeToFirstByte;
    private readonly Counter<long> _retries;
    private readonly UpDownCounter<long> _queueLength;
    private readonly Histogram<double> _queueWait;
    private readonly Counter<long> _queueRejected;
    private readonly Counter<long> _tokens;
    private readonly Counter<long> _upstreamErrors;

    /// <summary>Creates the instruments on a meter from the factory.</summary>
    public ProxyMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("proxy.requests", "{request}", "Client requests by endpoint, model family and status");
        _duration = meter.CreateHistogram<double>("proxy.request.duration", "s", "Client request duration");
        _timeToFirstByte = meter.CreateHistogram<double>("proxy.time_to_first_byte", "s", "Time until the first answer byte reached the client");
        _retries = meter.CreateCounter<long>("proxy.retries", "{retry}", "Upstream attempts retried on another credential");
        _queueLength = meter.CreateUpDownCounter<long>("proxy.queue.length", "{request}", "Requests waiting in the queue, by reason (credential or user_concurrency)");
        _queueWait = meter.CreateHistogram<double>("proxy.queue.wait", "s", "Time requests waited in the queue, by reason");
        _queueRejected = meter.CreateCounter<long>("proxy.queue.rejected", "{request}", "Requests answered 429 at once because the queue was full, by reason");
        _tokens = meter.CreateCounter<long>("proxy.tokens", "{token}", "Tokens by model family and direction");
        _cost = meter.CreateCounter<double>("proxy.cost.estimated", "USD", "Estimated cost of the tokens Bedrock reported, at the configured prices");
        _upstreamErrors = meter.CreateCounter<long>("proxy.upstream.errors", "{error}", "Bedrock errors by type");
        _countTokens = meter.CreateCounter<long>("proxy.count_tokens", "{request}", "Token counts answered, by result (upstream or estimated)");
        _betasDropped = meter.CreateCounter<long>("proxy.betas.dropped", "{flag}", "Client beta flags left out because Bedrock does not take them");
        _fieldsDropped = meter.CreateCounter<long>("proxy.fields.dropped", "{field}", "Client request fields left out because Bedrock does not take them for the model");
    }

    /// <summary>
    /// Counts a dropped beta flag. The label is the flag when it looks like one and is among the first
    /// <see cref="MaxBetaLabels"/> seen, else <c>other</c>: clients choose these strings, so the label set is capped.
    /// </summary>
    public void BetaDropped(string flag, string family)
    {
        var label = BetaRule.IsFlag(flag) && (_betaLabels.ContainsKey(flag) || (_betaLabels.Count < MaxBetaLabels && _betaLabels.TryAdd(flag, 0)))
            ? flag
            : "other";
        _betasDropped.Add(1, new TagList { { "flag", label }, { "family", family } });
    }

    /// <summary>
    /// Counts a request field the field policy left out. Fields a rule names are labelled by their path (tool types by
    /// their rule's prefix); any other name is the client's choice and is labelled <c>other</c>.
    /// </summary>
    public void FieldDropped(string field, string family)
    {
        var label = field.StartsWith("tool:", StringComparison.Ordinal)
            ? (_fieldPolicy.ToolType(field[5..])?.Field ?? "other")
            : _fieldPolicy.Knows(field) || field == "thinking.type=adaptive" ? field : "other";
        _fieldsDropped.Add(1, new TagList { { "field", label }, { "family", family } });
    }

    private readonly Counter<long> _fieldsDropped;
    private readonly Translation.FieldPolicy _fieldPolicy = Translation.FieldPolicy.Default;

    private const int MaxBetaLabels = 100;
    private readonly Counter<long> _betasDropped;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _betaLabels = new(StringComparer.Ordinal);

    /// <summary>Counts a finished client request.</summary>
    public void RequestFinished(string endpoint, string family, int status, TimeSpan duration)
    {
        var tags = new TagList { { "endpoint", endpoint }, { "family", family }, { "status", status } };
        _requests.Add(1, tags);
        _duration.Record(duration.TotalSeconds, tags);
    }

    /// <summary>Records when the first byte of an answer went out.</summary>
    public void FirstByte(string endpoint, string family, TimeSpan elapsed) =>
        _timeToFirstByte.Record(elapsed.TotalSeconds, new TagList { { "endpoint", endpoint }, { "family", family } });

    /// <summary>Counts a retry on another credential.</summary>
    public void Retried(string reason) => _retries.Add(1, new TagList { { "reason", reason } });

    /// <summary>A request started waiting in the queue.</summary>
    public void QueueEntered(QueueReason reason) => _queueLength.Add(1, ReasonTag(reason));

    /// <summary>A request stopped waiting.</summary>
    public void QueueLeft(QueueReason reason, TimeSpan waited)
    {
        var tag = ReasonTag(reason);
        _queueLength.Add(-1, tag);
        _queueWait.Record(waited.TotalSeconds, tag);
    }

    /// <summary>A request found the queue full.</summary>
    public void QueueRejected(QueueReason reason) => _queueRejected.Add(1, ReasonTag(reason));

    private static KeyValuePair<string, object?> ReasonTag(QueueReason reason) =>
        new("reason", reason == QueueReason.Credential ? "credential" : "user_concurrency");

    /// <summary>
    /// Counts tokens Bedrock reported (direction <c>input</c>, <c>output</c>, <c>cache_read</c>, <c>cache_write_5m</c>,
    /// <c>cache_write_1h</c>) and their estimated cost, when the family has a price.
    /// </summary>
    public void Tokens(string family, TokenUsage tokens, decimal? cost)
    {
        _tokens.Add(tokens.Input, new TagList { { "family", family }, { "direction", "input" } });
        _tokens.Add(tokens.Output, new TagList { { "family", family }, { "direction", "output" } });
        if (tokens.CacheRead > 0)
        {
            _tokens.Add(tokens.CacheRead, new TagList { { "family", family }, { "direction", "cache_read" } });
        }

        if (tokens.CacheWrite5m > 0)
        {
            _tokens.Add(tokens.CacheWrite5m, new TagList { { "family", family }, { "direction", "cache_write_5m" } });
        }

        if (tokens.CacheWrite1h > 0)
        {
            _tokens.Add(tokens.CacheWrite1h, new TagList { { "family", family }, { "direction", "cache_write_1h" } });
        }

        if (cost is { } usd && usd > 0)
        {
            _cost.Add((double)usd, new TagList { { "family", family } });
        }
    }

    private readonly Counter<double> _cost;

    /// <summary>Counts an answered token count: <c>upstream</c> (Bedrock's CountTokens) or <c>estimated</c> (local).</summary>
    public void CountTokens(string result, string family) =>
        _countTokens.Add(1, new TagList { { "result", result }, { "family", family } });

    private readonly Counter<long> _countTokens;

    /// <summary>Counts an error answer from Bedrock.</summary>
    public void UpstreamError(string type) => _upstreamErrors.Add(1, new TagList { { "type", type } });
}
