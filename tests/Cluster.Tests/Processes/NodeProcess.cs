using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansProxy.Cluster.Tests.Processes;

/// <summary>
/// One child process of a drill (Redis, the fake Bedrock, a silo, a gateway), its output copied to a log file.
/// Every started process is tracked until it exits, and <see cref="KillAll"/> (also run when the test host exits)
/// kills whatever is left, so a failed drill leaves nothing running.
/// </summary>
public sealed class NodeProcess : IDisposable
{
    private static readonly ConcurrentDictionary<int, NodeProcess> Live = new();
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();
    private readonly List<(Regex Pattern, TaskCompletionSource<Match> Found)> _watches = [];
    private int _disposed;

    static NodeProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();

    private NodeProcess(string name, Process process, string logPath)
    {
        Name = name;
        _process = process;
        LogPath = logPath;
        _log = new StreamWriter(logPath, append: true) { AutoFlush = true };
    }

    /// <summary>Short name for logs and figures (<c>silo1</c>, <c>gateway2</c>, …).</summary>
    public string Name { get; }

    /// <summary>The file the process's stdout and stderr are copied to.</summary>
    public string LogPath { get; }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts <paramref name="fileName"/> with exactly the given environment changes (null removes a variable).</summary>
    public static NodeProcess Start(
        string name, string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, string logPath)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(logPath)!,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var node = new NodeProcess(name, process, logPath);
        process.OutputDataReceived += (_, e) => node.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => node.OnLine(e.Data);
        process.Exited += (_, _) => Live.TryRemove(new KeyValuePair<int, NodeProcess>(node.Id, node));
        node.Write($"--- {DateTimeOffset.Now:O} starting {fileName} {string.Join(' ', arguments)}");
        process.Start();
        Live[process.Id] = node;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Kills every tracked process that is still running.</summary>
    public static void KillAll()
    {
        foreach (var node in Live.Values)
        {
            node.Kill();
        }
    }

    /// <summary>Waits for an output line matching <paramref name="pattern"/> (lines already seen are not replayed).</summary>
    public async Task<Match> WaitForLineAsync(Regex pattern, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_logLock)
        {
            _watches.Add((pattern, found));
        }

        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(found.Task, exited, Task.Delay(timeout));
        if (first == found.Task)
        {
            return await found.Task;
        }

        throw new InvalidOperationException(first == exited
            ? $"{Name} exited with code {_process.ExitCode} before printing /{pattern}/; see {LogPath}"
            : $"{Name} did not print /{pattern}/ within {timeout.TotalSeconds:0} s; see {LogPath}");
    }

    /// <summary>SIGKILL: the process dies at once, without any shutdown (a crash, <c>kill -9</c>).</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                Write($"--- {DateTimeOffset.Now:O} drill: kill -9");
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>SIGTERM and wait for a clean exit; SIGKILL if it takes longer than <paramref name="grace"/>.</summary>
    public async Task TerminateAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        Write($"--- {DateTimeOffset.Now:O} drill: kill -TERM");
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    /// <summary>Waits until the process has exited.</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        // A fixture whose start failed disposes the cluster, and xunit then disposes the fixture again.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Kill();
        _process.WaitForExit(5000);
        Live.TryRemove(new KeyValuePair<int, NodeProcess>(Id, this));
        _process.Dispose();
        lock (_logLock)
        {
            _log.Dispose();
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        Write(line);
        lock (_logLock)
        {
            for (var i = _watches.Count - 1; i >= 0; i--)
            {
                var match = _watches[i].Pattern.Match(line);
                if (match.Success)
                {
                    _watches[i].Found.TrySetResult(match);
                    _watches.RemoveAt(i);
                }
            }
        }
    }

    private void Write(string line)
    {
        lock (_logLock)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output that arrives after the drill closed the log.
            }
        }
    }
}
