using System.Diagnostics.Metrics;

namespace OrleansProxy.Hosting;

/// <summary>
/// Counts every application grain call a silo receives, one-way calls included, as <c>proxy.grain.calls</c> labelled by
/// interface and method (a bounded set: the proxy's own grain interfaces). Off unless <c>Telemetry:CountGrainCalls</c>
/// is true: the benchmark turns it on to show how many grain calls one request costs; production pays nothing for it.
/// </summary>
public sealed class GrainCallCounter : IIncomingGrainCallFilter
{
    /// <summary>The configuration switch.</summary>
    public const string Setting = "Telemetry:CountGrainCalls";

    /// <summary>The meter the counter belongs to (collected by <see cref="TelemetryExtensions"/>).</summary>
    public const string MeterName = "OrleansProxy.GrainCalls";

    private readonly Counter<long> _calls;

    public GrainCallCounter(IMeterFactory meters) =>
        _calls = meters.Create(MeterName).CreateCounter<long>("proxy.grain.calls", "{call}", "Grain calls received by this silo.");

    /// <inheritdoc />
    public Task Invoke(IIncomingGrainCallContext context)
    {
        _calls.Add(1, new KeyValuePair<string, object?>("interface", context.InterfaceName), new KeyValuePair<string, object?>("method", context.MethodName));
        return context.Invoke();
    }
}
