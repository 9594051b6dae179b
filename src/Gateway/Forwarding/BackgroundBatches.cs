namespace OrleansProxy.Gateway.Forwarding;

/// <summary>
/// Sends items to grains off the request path, batched per grain key without any timer: the first goes at once,
/// and whatever arrives while a key's batch is on its way goes with the next one, so an idle gateway adds no delay
/// and a busy one sends one grain call for many items. Batches still queued or in flight when the gateway stops
/// are awaited (bounded), so stopping loses none.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="send">Sends one batch for a key (it handles its own failures); the string is a request id for logs.</param>
/// <param name="maxBatch">Most items in one call.</param>
public sealed class BackgroundBatches<T>(Func<string, List<T>, string, Task> send, int maxBatch)
{
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _pending = [];
    private readonly Dictionary<string, List<T>> _queued = new(StringComparer.Ordinal);

    /// <summary>Queues <paramref name="item"/> for <paramref name="key"/>.</summary>
    public void Add(string key, T item, string requestId)
    {
        lock (_gate)
        {
            if (_queued.TryGetValue(key, out var queue))
            {
                // A batch to this key is on its way; this item goes with the next one.
                queue.Add(item);
                return;
            }

            _queued[key] = [];
        }

        Track(DrainAsync(key, [item], requestId));
    }

    /// <summary>Queues <paramref name="items"/> for <paramref name="key"/> together (one call when nothing is on its way).</summary>
    public void AddRange(string key, List<T> items, string requestId)
    {
        if (items.Count == 0)
        {
            return;
        }

        List<T> first;
        lock (_gate)
        {
            if (_queued.TryGetValue(key, out var queue))
            {
                queue.AddRange(items);
                return;
            }

            first = items.Count <= maxBatch ? items : items[..maxBatch];
            _queued[key] = items.Count <= maxBatch ? [] : items[maxBatch..];
        }

        Track(DrainAsync(key, first, requestId));
    }

    /// <summary>Waits for every batch queued or in flight, at most <paramref name="timeout"/>; the count it waited for.</summary>
    public async Task<int> DrainAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task[] pending;
        lock (_gate)
        {
            pending = [.. _pending];
        }

        if (pending.Length > 0)
        {
            await Task.WhenAll(pending).WaitAsync(timeout, cancellationToken).ContinueWith(static _ => { }, TaskScheduler.Default);
        }

        return pending.Length;
    }

    /// <summary>Sends <paramref name="first"/>, then whatever queued for the key meanwhile, until nothing is left.</summary>
    private async Task DrainAsync(string key, List<T> first, string requestId)
    {
        var batch = first;
        while (true)
        {
            await send(key, batch, requestId);
            lock (_gate)
            {
                var queue = _queued[key];
                if (queue.Count == 0)
                {
                    _queued.Remove(key);
                    return;
                }

                if (queue.Count <= maxBatch)
                {
                    batch = queue;
                    _queued[key] = [];
                }
                else
                {
                    batch = queue[..maxBatch];
                    queue.RemoveRange(0, maxBatch);
                }
            }

            requestId = "batch";
        }
    }

    private void Track(Task task)
    {
        lock (_gate)
        {
            _pending.Add(task);
        }

        task.ContinueWith(
            (done, state) =>
            {
                var self = (BackgroundBatches<T>)state!;
                lock (self._gate)
                {
                    self._pending.Remove(done);
                }
            },
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
