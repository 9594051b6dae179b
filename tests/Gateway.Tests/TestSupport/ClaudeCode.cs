namespace OrleansProxy.Gateway.Tests.TestSupport;

/// <summary>
/// Claude Code from npm (pinned in <c>tests/clients/package.json</c>; its native binary comes inside the registry
/// package <c>@anthropic-ai/claude-code-linux-x64</c>, so there is no download step), installed once per checkout into
/// <c>artifacts/clients</c>, and run in print mode with a throw-away HOME.
/// </summary>
public static class ClaudeCode
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    /// <summary>Installs the pinned clients when missing and returns Claude Code's executable.</summary>
    public static async Task<string> EnsureInstalledAsync()
    {
        var prefix = Path.Combine(NodeTools.RepositoryRoot, "artifacts", "clients");
        var executable = Path.Combine(prefix, "node_modules", "@anthropic-ai", "claude-code", "bin", "claude.exe");
        var manifest = Path.Combine(NodeTools.RepositoryRoot, "tests", "clients", "package.json");
        var installedManifest = Path.Combine(prefix, "package.json");
        await InstallLock.WaitAsync();
        try
        {
            if (File.Exists(executable) && File.Exists(installedManifest)
                && File.ReadAllText(installedManifest) == File.ReadAllText(manifest))
            {
                return executable;
            }

            Directory.CreateDirectory(prefix);
            File.Copy(manifest, installedManifest, overwrite: true);
            // Claude Code's manifest asks for Node 22; its native binary does not run on Node at all, so Node 20's npm
            // may install it (the engine check only warns).
            var (exit, output) = await RunAsync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], prefix,
                new Dictionary<string, string?>(), TimeSpan.FromMinutes(5));
            if (exit != 0 || !File.Exists(executable))
            {
                File.Delete(installedManifest);
                throw new InvalidOperationException($"npm install of the test clients failed ({exit}): {output}");
            }

            return executable;
        }
        finally
        {
            InstallLock.Release();
        }
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
