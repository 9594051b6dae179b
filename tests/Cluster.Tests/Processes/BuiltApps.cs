using System.Reflection;

namespace OrleansProxy.Cluster.Tests.Processes;

/// <summary>Where the built Silo, Gateway and fake Bedrock are, and how to run them and Redis.</summary>
public static class BuiltApps
{
    /// <summary>The silo's dll.</summary>
    public static string Silo => Dll("OrleansProxy.Silo");

    /// <summary>The gateway's dll.</summary>
    public static string Gateway => Dll("OrleansProxy.Gateway");

    /// <summary>The fake Bedrock's dll.</summary>
    public static string FakeBedrock => Dll("OrleansProxy.Testing.FakeBedrock");

    /// <summary>The <c>dotnet</c> host running this test (so children use the same runtime).</summary>
    public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
        ? host
        : "dotnet";

    /// <summary>The <c>redis-server</c> executable.</summary>
    public static string RedisServer => FindOnPath("redis-server")
        ?? throw new InvalidOperationException("redis-server was not found on PATH: install it (apt-get install redis-server).");

    /// <summary>A program on PATH (or in the sbin folders, where Debian puts nginx), or null.</summary>
    public static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"])
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);

    // Embedded by the project file from each app's GetTargetPath, so the drills run exactly what was just built.
    private static string Dll(string assemblyName)
    {
        var path = typeof(BuiltApps).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == assemblyName)?.Value
            ?? throw new InvalidOperationException($"No built path for {assemblyName} in the test assembly's metadata.");
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} does not exist: build the solution first.");
    }
}
