using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace OrleansProxy.Gateway.Tests.TestSupport;

/// <summary>
/// Installs a test's npm packages once (<c>npm ci</c> from its committed lock file, into <c>artifacts/npm/&lt;name&gt;</c>
/// under the repository, reinstalled only when the lock file changes) and runs Node programs with a time limit.
/// </summary>
internal static class NodeTools
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    /// <summary>The repository root (the directory holding <c>OrleansProxy.sln</c>).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>
    /// Copies <paramref name="sourceDirectory"/> (relative to the repository: package.json, package-lock.json, scripts)
    /// to the cache directory and runs <c>npm ci</c> there if its lock file is new; returns the cache directory.
    /// </summary>
    public static async Task<string> InstallAsync(string sourceDirectory, string name, TimeSpan timeout)
    {
        var source = Path.Combine(RepositoryRoot, sourceDirectory);
        var target = Path.Combine(RepositoryRoot, "artifacts", "npm", name);
        await InstallLock.WaitAsync();
        try
        {
            Directory.CreateDirectory(target);
            foreach (var file in Directory.EnumerateFiles(source))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
            }

            var stamp = Path.Combine(target, "node_modules", ".lock-sha256");
            var lockHash = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(target, "package-lock.json"))));
            if (File.Exists(stamp) && await File.ReadAllTextAsync(stamp) == lockHash)
            {
                return target;
            }

            var result = await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], target, new Dictionary<string, string?>(), timeout);
            Assert.True(result.ExitCode == 0, $"npm ci in {target} failed ({result.ExitCode}):\n{result.StdErr}\n{result.StdOut}");
            await File.WriteAllTextAsync(stamp, lockHash);
            return target;
        }
        finally
        {
            InstallLock.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="fileName"/> to its end or kills its process tree after <paramref name="timeout"/>. With
    /// <paramref name="inheritEnvironment"/> false the child sees only PATH and <paramref name="environment"/> (so a
    /// developer's ANTHROPIC_* or AWS_* variables cannot leak in).
    /// </summary>
    public static async Task<ProcessRun> RunAsync(
        string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout,
        bool inheritEnvironment = true)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (!inheritEnvironment)
        {
            start.Environment.Clear();
            start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH");
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new ProcessRun(-1, await stdout, await stderr + $"\n(killed after {timeout.TotalSeconds:0} s)", TimedOut: true);
        }

        return new ProcessRun(process.ExitCode, await stdout, await stderr);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OrleansProxy.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("OrleansProxy.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>How a child process ended.</summary>
internal sealed record ProcessRun(int ExitCode, string StdOut, string StdErr, bool TimedOut = false)
{
    public override string ToString() => new StringBuilder().Append("exit ").Append(ExitCode)
        .Append("\nstdout:\n").Append(StdOut).Append("\nstderr:\n").Append(StdErr).ToString();
}
