using System.Text;
using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.Streaming;

/// <summary>
/// Accumulates <see cref="StreamUsage"/> over a stream's events. Every count is a total, never an increment:
/// <c>message_start</c> carries the input and cache counts, <c>message_delta</c> the output so far (and, from newer
/// models, the input and cache counts again), and the last chunk's <c>amazon-bedrock-invocationMetrics</c> Bedrock's
/// billed counts, which win. The latest value of each count is kept, so no token is counted twice.
/// </summary>
internal sealed class UsageTracker
{
    private UsageFields _usage = UsageFields.None;
    private long _metricsInputTokens = -1;
    private long _metricsOutputTokens = -1;
    private long _metricsCacheReadTokens = -1;
    private long _metricsCacheWriteTokens = -1;
    private string? _stopReason;
    private bool _terminal;

    public StreamUsage Usage
    {
        get
        {
            var tokens = _usage.ToTokenUsage(_metricsInputTokens, _metricsOutputTokens, _metricsCacheReadTokens, _metricsCacheWriteTokens);
            return new StreamUsage(tokens.Input, tokens.Output, _stopReason, _terminal, tokens.CacheRead, tokens.CacheWrite5m, tokens.CacheWrite1h);
        }
    }

    public void Observe(in ModelEvent modelEvent, ReadOnlySpan<byte> json)
    {
        _usage.Update(modelEvent.Usage);
        _metricsInputTokens = Latest(_metricsInputTokens, modelEvent.MetricsInputTokens);
        _metricsOutputTokens = Latest(_metricsOutputTokens, modelEvent.MetricsOutputTokens);
        _metricsCacheReadTokens = Latest(_metricsCacheReadTokens, modelEvent.MetricsCacheReadTokens);
        _metricsCacheWriteTokens = Latest(_metricsCacheWriteTokens, modelEvent.MetricsCacheWriteTokens);

        if (modelEvent.HasStopReason(json))
        {
            // Raw value is a quoted string; stop reasons are plain ASCII words.
            var raw = modelEvent.StopReason.Of(json);
            _stopReason ??= Encoding.UTF8.GetString(raw[1..^1]);
            _terminal |= modelEvent.Type == ModelEventType.Completion;
        }

        _terminal |= modelEvent.Type == ModelEventType.MessageStop;
    }

    private static long Latest(long known, long seen) => seen >= 0 ? seen : known;
}
