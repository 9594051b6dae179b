using System.Diagnostics;
using System.Globalization;

namespace OrleansProxy.Cluster.Tests.Deploy;

/// <summary>Runs <c>deploy/local-cluster.sh</c> with a given environment and captures what it prints.</summary>
public sealed class LocalClusterScript(IReadOnlyDictionary<string, string> environment)
{
    /// <summary>The repository's <c>deploy/local-cluster.sh</c>, found upwards from the test assembly.</summary>
    public static string ScriptPath { get; } = FindScript();

    /// <summary>Runs <c>local-cluster.sh <paramref name="command"/></c> to its end.</summary>
    public async Task<(int ExitCode, string[] Stdout, string Stderr)> RunAsync(string command, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ScriptPath);
        start.ArgumentList.Add(command);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        // The nodes `up` starts inherit no pipe of ours (they log to files), so reading to the end terminates.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"local-cluster.sh {command} took more than {timeout.TotalSeconds:0} s:\n{await stderr}");
        }

        return (process.ExitCode, (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries), await stderr);
    }

    /// <summary>The PID a component's PID file holds, if any.</summary>
    public static int? Pid(string stateFolder, string component)
    {
        var path = Path.Combine(stateFolder, component + ".pid");
        return File.Exists(path) && int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            ? pid
            : null;
    }

    /// <summary>Whether a process runs (a zombie waiting for a parent to reap it does not).</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // "pid (comm) S …": the state follows the last ')'.
            return stat[(stat.LastIndexOf(')') + 2)..][0] is not ('Z' or 'X');
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string FindScript()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var script = Path.Combine(folder.FullName, "deploy", "local-cluster.sh");
            if (File.Exists(script))
            {
                return script;
            }
        }

        throw new FileNotFoundException("deploy/local-cluster.sh not found above " + AppContext.BaseDirectory);
    }
}
