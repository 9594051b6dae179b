using Xunit.Abstractions;
using Xunit.Sdk;

namespace OrleansProxy.Cluster.Tests.Drills;

/// <summary>Runs drills in <see cref="DrillOrderAttribute"/> order (xunit's default order is unspecified).</summary>
public sealed class DrillOrderer : ITestCaseOrderer
{
    /// <summary>This type's name, for <see cref="TestCaseOrdererAttribute"/>.</summary>
    public const string TypeName = "OrleansProxy.Cluster.Tests.Drills.DrillOrderer";

    /// <summary>This assembly's name, for <see cref="TestCaseOrdererAttribute"/>.</summary>
    public const string AssemblyName = "OrleansProxy.Cluster.Tests";

    /// <inheritdoc />
    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase =>
        testCases.OrderBy(c => c.TestMethod.Method.GetCustomAttributes(typeof(DrillOrderAttribute).AssemblyQualifiedName)
            .FirstOrDefault()?.GetConstructorArguments().FirstOrDefault() as int? ?? int.MaxValue);
}
