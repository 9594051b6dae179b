namespace OrleansProxy.Hosting;

/// <summary>
/// The service key of the <see cref="TimeProvider"/> the proxy's own logic reads. Keyed so tests can drive the
/// proxy's clock with a fake without also freezing Orleans' internal timers.
/// </summary>
public static class ProxyClock
{
    /// <summary>The keyed-service key.</summary>
    public const string Key = "orleans-proxy";
}
