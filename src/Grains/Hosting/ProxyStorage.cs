namespace OrleansProxy.Hosting;

/// <summary>The grain storage provider credential and pool grains persist to (memory standalone, Redis in a cluster).</summary>
public static class ProxyStorage
{
    /// <summary>The provider name.</summary>
    public const string Name = "proxy";
}
