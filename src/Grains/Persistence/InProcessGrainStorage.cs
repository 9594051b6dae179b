using System.Collections.Concurrent;
using System.Globalization;
using Orleans.Storage;

namespace OrleansProxy.Persistence;

/// <summary>
/// Grain state for a standalone proxy (one silo in the gateway's process): kept in this process as serialized bytes,
/// with ETags checked like a real store. Orleans' <c>MemoryGrainStorage</c> is built for a cluster of silos and
/// sends every read and write to a storage grain (a message, a deep copy and a scheduling hop each); with one silo
/// that hop buys nothing, and a credential writes its state on every reported answer. State is serialized with the
/// same serializer the Redis store uses, so a state type that does not round-trip fails standalone too.
/// </summary>
public sealed class InProcessGrainStorage(IGrainStorageSerializer serializer) : IGrainStorage
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _lastETag;

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_entries.TryGetValue(Key(stateName, grainId), out var entry))
        {
            grainState.State = serializer.Deserialize<T>(entry.Data);
            grainState.ETag = entry.ETag;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        var written = new Entry(serializer.Serialize(grainState.State), NextETag());
        if (grainState.ETag is null)
        {
            if (!_entries.TryAdd(key, written))
            {
                throw Conflict(stateName, grainId, "none", _entries.TryGetValue(key, out var current) ? current.ETag : "none");
            }
        }
        else
        {
            var expected = _entries.TryGetValue(key, out var current) ? current : null;
            if (expected is null || expected.ETag != grainState.ETag || !_entries.TryUpdate(key, written, expected))
            {
                throw Conflict(stateName, grainId, grainState.ETag, expected?.ETag ?? "none");
            }
        }

        grainState.ETag = written.ETag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        if (_entries.TryGetValue(key, out var current))
        {
            if (current.ETag != grainState.ETag || !_entries.TryRemove(new KeyValuePair<string, Entry>(key, current)))
            {
                throw Conflict(stateName, grainId, grainState.ETag ?? "none", current.ETag);
            }
        }
        else if (grainState.ETag is not null)
        {
            throw Conflict(stateName, grainId, grainState.ETag, "none");
        }

        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static string Key(string stateName, GrainId grainId) => stateName + "/" + grainId.ToString();

    private string NextETag() => Interlocked.Increment(ref _lastETag).ToString(CultureInfo.InvariantCulture);

    private static InconsistentStateException Conflict(string stateName, GrainId grainId, string expected, string stored) =>
        new($"State '{stateName}' of {grainId} was written by someone else (ETag {expected}, stored {stored}).", stored, expected);

    private sealed record Entry(BinaryData Data, string ETag);
}
