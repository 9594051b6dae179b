namespace OrleansProxy.Persistence;

/// <summary>
/// Writes a reentrant grain's persistent state one write at a time, coalescing: a change made while a write is in
/// flight waits for it and then goes out with the next write, so concurrent callers share writes and each caller
/// returns only once a write that includes its change has landed. A failed write leaves the state dirty.
/// </summary>
/// <typeparam name="T">The state type.</typeparam>
/// <param name="state">The grain's persistent state.</param>
/// <param name="onInconsistent">
/// Called when storage reports a conflicting write (another activation wrote, or a timed-out write landed), so
/// the grain can deactivate and reload.
/// </param>
public sealed class SerializedStateWriter<T>(IPersistentState<T> state, Action onInconsistent)
{
    private Task? _writing;
    private bool _dirty;

    /// <summary>Persists the state, including every change made before this call.</summary>
    public async Task WriteAsync()
    {
        _dirty = true;
        while (_writing is { } inFlight)
        {
            try
            {
                await inFlight;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The caller that started that write reports its failure; this change is still dirty.
            }
        }

        if (!_dirty)
        {
            return;
        }

        _dirty = false;
        _writing = state.WriteStateAsync();
        try
        {
            await _writing;
        }
        catch (Orleans.Storage.InconsistentStateException)
        {
            _dirty = true;
            onInconsistent();
            throw;
        }
        catch
        {
            _dirty = true;
            throw;
        }
        finally
        {
            _writing = null;
        }
    }
}
