namespace OrleansProxy.Cluster.Tests;

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ProxyClusterFixture>
{
    public const string Name = "cluster";
}

/// <summary>A cluster whose silos run with ALLOW_AWS_LOGGING=true.</summary>
public sealed class AllowLoggingClusterFixture : ProxyClusterFixture
{
    protected override bool AllowAwsLogging => true;
}

[CollectionDefinition(Name)]
public sealed class AllowLoggingClusterCollection : ICollectionFixture<AllowLoggingClusterFixture>
{
    public const string Name = "cluster-allow-logging";
}
