namespace OrleansProxy.Testing.FakeBedrock.Recording;

/// <summary>
/// Keeps the most recent requests in arrival order (bounded, so long benchmark runs do not grow
/// without limit) and counts the ones still being served.
/// </summary>
internal sealed class RequestRecorder(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Queue<RequestTrace> _traces = new();
    private TaskCompletionSource _idle = CompletedIdle();
    private int _open;

    public int OpenRequests
    {
        get { lock (_gate) { return _open; } }
    }

    public RequestTrace Begin(string requestId, string method, string rawPath, DateTimeOffset startedAt)
    {
        var trace = new RequestTrace(requestId, method, rawPath, startedAt);
        lock (_gate)
        {
            if (_open++ == 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            if (capacity > 0)
            {
                if (_traces.Count == capacity)
                {
                    _traces.Dequeue();
                }

                _traces.Enqueue(trace);
            }
        }

        return trace;
    }

    public void End(RequestTrace trace, DateTimeOffset completedAt)
    {
        trace.Complete(completedAt);
        lock (_gate)
        {
            if (--_open == 0)
            {
                _idle.TrySetResult();
            }
        }
    }

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        RequestTrace[] traces;
        lock (_gate)
        {
            traces = [.. _traces];
        }

        return Array.ConvertAll(traces, t => t.Snapshot());
    }

    public void Clear()
    {
        lock (_gate)
        {
            _traces.Clear();
        }
    }

    /// <summary>Completes when no request is being served; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public Task WaitForNoOpenRequestsAsync(TimeSpan timeout)
    {
        Task idle;
        lock (_gate)
        {
            idle = _idle.Task;
        }

        return idle.WaitAsync(timeout);
    }

    private static TaskCompletionSource CompletedIdle()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }
}
