using System.Collections.Concurrent;
using System.Diagnostics;

namespace OrleansProxy.LoadTest.Hosting;

/// <summary>
/// A process this run started: its output goes to a log file, a caller can wait for a line, and it is killed
/// (with its whole tree) on dispose, on Ctrl+C / SIGTERM and at process exit, so nothing outlives the run.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private const int EarlyLines = 200;
    private static readonly ConcurrentDictionary<int, ChildProcess> Live = new();

    private readonly Process _process;
    private readonly StreamWriter? _log;
    private readonly Lock _lines = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];
    private readonly List<string> _early = [];

    private ChildProcess(string name, Process process, StreamWriter? log)
    {
        Name = name;
        _process = process;
        _log = log;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>CPU time used so far (user + system), for CPU cost per request.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>The most resident memory the process has held so far (the kernel's high-water mark), in bytes.</summary>
    public long PeakResidentBytes
    {
        get
        {
            _process.Refresh();
            return _process.PeakWorkingSet64;
        }
    }

    /// <summary>
    /// Starts <c>dotnet DLL args</c> with <paramref name="environment"/> (null values remove a variable). With
    /// <paramref name="captureOutput"/> its output passes through this process (so <see cref="WaitForLineAsync"/>
    /// works); without, a shell redirects it straight to the log, so a chatty child costs this process nothing.
    /// </summary>
    public static ChildProcess StartDotnet(
        string name,
        string dll,
        IEnumerable<string> args,
        IReadOnlyDictionary<string, string?> environment,
        string logPath,
        bool captureOutput = true)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logPath))!);
        var info = new ProcessStartInfo(captureOutput ? DotnetHost() : "/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardOutput = captureOutput,
            RedirectStandardError = captureOutput,
            RedirectStandardInput = true,
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll))!,
        };
        if (!captureOutput)
        {
            // exec: the shell becomes dotnet, so the pid (and its CPU time) is the child's own.
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add("exec \"$0\" \"$@\" >\"$BENCH_CHILD_LOG\" 2>&1");
            info.ArgumentList.Add(DotnetHost());
            info.Environment["BENCH_CHILD_LOG"] = Path.GetFullPath(logPath);
        }

        info.ArgumentList.Add(Path.GetFullPath(dll));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }

        var log = captureOutput ? new StreamWriter(logPath, append: false) { AutoFlush = true } : null;
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(name, process, log);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        process.Exited += (_, _) => child.OnExited();
        process.Start();
        Live[process.Id] = child;
        if (captureOutput)
        {
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        return child;
    }

    /// <summary>Kills every live child at once; for signal handlers and process exit.</summary>
    public static void KillAll()
    {
        foreach (var child in Live.Values)
        {
            child.Kill();
        }
    }

    /// <summary>Waits for an output line that <paramref name="match"/> accepts; fails if the process exits first.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lines)
        {
            if (_early.FirstOrDefault(match) is { } seen)
            {
                return seen;
            }

            _waiters.Add((match, found));
        }

        if (_process.HasExited)
        {
            OnExited();
        }

        return await found.Task.WaitAsync(timeout, cancellationToken);
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            // Reported by the caller's process list check; nothing more to do here.
        }

        Live.TryRemove(_process.Id, out _);
        _process.Dispose();
        lock (_lines)
        {
            _log?.Dispose();
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _log?.WriteLine(line);
            // Start-up lines may arrive before anyone waits for them.
            if (_early.Count < EarlyLines)
            {
                _early.Add(line);
            }

            foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Found.TrySetResult(line);
            }
        }
    }

    private void OnExited()
    {
        lock (_lines)
        {
            foreach (var (_, found) in _waiters)
            {
                found.TrySetException(new InvalidOperationException($"{Name} exited (code {_process.ExitCode}) before it was ready; see its log."));
            }

            _waiters.Clear();
        }
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
