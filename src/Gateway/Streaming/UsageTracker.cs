using System.Text;

namespace OrleansProxy.Gateway.Streaming;

/// <summary>Accumulates <see cref="StreamUsage"/> over a stream's events.</summary>
internal sealed class UsageTracker
{
    private long _inputTokens;
    private long _outputTokens;
    private long _metricsInputTokens = -1;
    private long _metricsOutputTokens = -1;
    private string? _stopReason;
    private bool _terminal;

    public StreamUsage Usage => new(
        _metricsInputTokens >= 0 ? _metricsInputTokens : _inputTokens,
        _metricsOutputTokens >= 0 ? _metricsOutputTokens : _outputTokens,
        _stopReason,
        _terminal);

    public void Observe(in ModelEvent modelEvent, ReadOnlySpan<byte> json)
    {
        if (modelEvent.InputTokens >= 0)
        {
            _inputTokens = modelEvent.InputTokens;
        }

        // Messages reports output tokens cumulatively: the latest count is the total.
        if (modelEvent.OutputTokens >= 0)
        {
            _outputTokens = modelEvent.OutputTokens;
        }

        if (modelEvent.MetricsInputTokens >= 0)
        {
            _metricsInputTokens = modelEvent.MetricsInputTokens;
        }

        if (modelEvent.MetricsOutputTokens >= 0)
        {
            _metricsOutputTokens = modelEvent.MetricsOutputTokens;
        }

        if (modelEvent.HasStopReason(json))
        {
            // Raw value is a quoted string; stop reasons are plain ASCII words.
            var raw = modelEvent.StopReason.Of(json);
            _stopReason ??= Encoding.UTF8.GetString(raw[1..^1]);
            _terminal |= modelEvent.Type == ModelEventType.Completion;
        }

        _terminal |= modelEvent.Type == ModelEventType.MessageStop;
    }
}
