namespace OrleansProxy.Cluster.Tests.Drills;

/// <summary>Where a drill runs in the shared cluster's sequence: the destructive ones last.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DrillOrderAttribute(int order) : Attribute
{
    /// <summary>Lower runs first.</summary>
    public int Order { get; } = order;
}
