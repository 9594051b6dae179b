namespace OrleansProxy.Gateway.Tests.TestSupport;

/// <summary>
/// Claude Code from npm (pinned in <c>tests/clients/package.json</c> and its committed <c>package-lock.json</c>; its
/// native binary comes inside the registry package <c>@anthropic-ai/claude-code-linux-x64</c>, so there is no download
/// step), installed with <c>npm ci</c> through <see cref="NodeTools.InstallAsync"/> into <c>artifacts/npm/clients</c>
/// (again only when the lock file changes), and run in print mode with a throw-away HOME.
/// </summary>
public static class ClaudeCode
{
    /// <summary>Installs the locked clients when missing or stale and returns Claude Code's executable.</summary>
    public static async Task<string> EnsureInstalledAsync()
    {
        // Claude Code's manifest asks for Node 22; its native binary does not run on Node at all, so Node 20's npm
        // may install it (the engine check only warns).
        var directory = await NodeTools.InstallAsync(Path.Combine("tests", "clients"), "clients", TimeSpan.FromMinutes(5));
        var executable = Path.Combine(directory, "node_modules", "@anthropic-ai", "claude-code", "bin", "claude.exe");
        return File.Exists(executable)
            ? executable
            : throw new InvalidOperationException($"npm ci in {directory} succeeded but left no {executable} (its postinstall places it).");
    }

    /// <summary>
    /// Runs <c>claude -p &lt;prompt&gt; --output-format json</c> with <paramref name="environment"/> added to a clean
    /// environment (PATH only), HOME in a fresh temp folder, no auto-updater and no non-essential traffic.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> PrintAsync(
        string prompt, IReadOnlyDictionary<string, string?> environment, IEnumerable<string>? extraArguments = null)
    {
        var executable = await EnsureInstalledAsync();
        var home = Directory.CreateTempSubdirectory("claude-home-");
        try
        {
            var variables = new Dictionary<string, string?>(environment)
            {
                ["HOME"] = home.FullName,
                ["DISABLE_AUTOUPDATER"] = "1",
                ["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1",
                ["DISABLE_TELEMETRY"] = "1",
                ["DISABLE_ERROR_REPORTING"] = "1",
                ["CI"] = "1",
            };
            return await RunAsync(executable, ["-p", prompt, "--output-format", "json", .. extraArguments ?? []], home.FullName,
                variables, TimeSpan.FromMinutes(2));
        }
        finally
        {
            try
            {
                home.Delete(recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<(int, string)> RunAsync(
        string file, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout)
    {
        var run = await NodeTools.RunAsync(file, arguments, workingDirectory, environment, timeout, inheritEnvironment: false);
        if (run.TimedOut)
        {
            throw new TimeoutException($"{Path.GetFileName(file)} did not finish within {timeout}: {run.StdOut} {run.StdErr}");
        }

        return (run.ExitCode, run.StdErr.Length > 0 ? run.StdOut + "\n[stderr] " + run.StdErr : run.StdOut);
    }
}
