using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OrleansProxy.Gateway.Forwarding;

namespace OrleansProxy.Gateway.Tests.TestSupport;

/// <summary>
/// Records one gateway's <see cref="ProxyMetrics"/> measurements of one instrument, labelled by one tag, from the
/// moment it is created until disposed. Only the given host's meter is listened to, so parallel test hosts do not mix.
/// </summary>
public sealed class GatewayMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();

    /// <summary>Starts listening to <paramref name="instrumentName"/> on the meter of <paramref name="services"/>.</summary>
    public GatewayMeasurements(IServiceProvider services, string instrumentName, string tag)
    {
        var scope = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == instrumentName && instrument.Meter.Name == ProxyMetrics.MeterName && instrument.Meter.Scope == scope)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var item in tags)
            {
                if (item.Key == tag)
                {
                    Values.Add(((string)item.Value!, value));
                }
            }
        });
        _listener.Start();
    }

    /// <summary>Every measurement so far, as its tag value and the value measured.</summary>
    public ConcurrentBag<(string Tag, long Value)> Values { get; } = [];

    /// <summary>The measurements as <c>tag:value</c>, sorted, for exact comparisons.</summary>
    public IEnumerable<string> Sorted => Values.Select(v => v.Tag + ":" + v.Value).Order(StringComparer.Ordinal);

    /// <summary>The sum of the values measured with the tag value <paramref name="tagValue"/>.</summary>
    public long Sum(string tagValue) => Values.Where(v => v.Tag == tagValue).Sum(v => v.Value);

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();
}
