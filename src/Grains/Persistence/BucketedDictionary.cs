namespace OrleansProxy.Persistence;

/// <summary>
/// A grain's string-keyed map persisted as <see cref="DictionaryBuckets.Count"/> storage records ("name.0" …
/// "name.15", a key's bucket from a stable hash of it), each read at activation and written on its own, so a change
/// rewrites a sixteenth of the rows instead of all of them. The user index and token directory shards hold ~1,600 rows each at
/// 100,000 users: one record each made every create rewrite two ~150 KB blobs, and creates slowed from ~1,300/s to
/// ~500/s as they grew. Writes coalesce per bucket (<see cref="SerializedStateWriter{T}"/>).
/// Create it in the grain's constructor (its records are then read in the activation's SetupState stage, as the
/// <c>[PersistentState]</c> attribute does); the map is usable from <c>OnActivateAsync</c> on.
/// </summary>
/// <typeparam name="TValue">The row type.</typeparam>
public sealed class BucketedDictionary<TValue>
{
    private readonly IPersistentState<DictionaryBucket<TValue>>[] _states;
    private readonly SerializedStateWriter<DictionaryBucket<TValue>>[] _writers;

    /// <summary>Creates the map's records for <paramref name="context"/>'s grain.</summary>
    public BucketedDictionary(IPersistentStateFactory factory, IGrainContext context, string stateName, string storageName, Action onInconsistent)
    {
        _states = new IPersistentState<DictionaryBucket<TValue>>[DictionaryBuckets.Count];
        _writers = new SerializedStateWriter<DictionaryBucket<TValue>>[DictionaryBuckets.Count];
        for (var i = 0; i < DictionaryBuckets.Count; i++)
        {
            _states[i] = factory.Create<DictionaryBucket<TValue>>(context, new StateConfiguration(DictionaryBuckets.StateName(stateName, i), storageName));
            _writers[i] = new SerializedStateWriter<DictionaryBucket<TValue>>(_states[i], onInconsistent);
        }
    }

    /// <summary>Every row, bucket by bucket (no order).</summary>
    public IEnumerable<KeyValuePair<string, TValue>> Rows => _states.SelectMany(static s => s.State.Rows);

    /// <summary>The row of <paramref name="key"/>.</summary>
    public bool TryGetValue(string key, out TValue value) =>
        _states[DictionaryBuckets.Of(key)].State.Rows.TryGetValue(key, out value!);

    /// <summary>Sets the row of <paramref name="key"/> and writes its bucket; returns once a write including it landed.</summary>
    public Task SetAsync(string key, TValue value)
    {
        var bucket = DictionaryBuckets.Of(key);
        _states[bucket].State.Rows[key] = value;
        return _writers[bucket].WriteAsync();
    }

    /// <summary>Sets many rows, writing each touched bucket once.</summary>
    public Task SetManyAsync(IEnumerable<KeyValuePair<string, TValue>> rows)
    {
        var touched = new bool[DictionaryBuckets.Count];
        foreach (var (key, value) in rows)
        {
            var bucket = DictionaryBuckets.Of(key);
            _states[bucket].State.Rows[key] = value;
            touched[bucket] = true;
        }

        return Task.WhenAll(Enumerable.Range(0, DictionaryBuckets.Count).Where(i => touched[i]).Select(i => _writers[i].WriteAsync()));
    }

    /// <summary>
    /// Moves the rows an earlier version kept in one record (<paramref name="legacy"/>) into the buckets, then clears
    /// that record; nothing when it holds none. Call from <c>OnActivateAsync</c>.
    /// </summary>
    public async Task MoveInAsync<TLegacy>(IPersistentState<TLegacy> legacy, Func<TLegacy, Dictionary<string, TValue>> rows, CancellationToken cancellationToken)
    {
        if (rows(legacy.State) is { Count: > 0 } old)
        {
            await SetManyAsync(old);
            await legacy.ClearStateAsync(cancellationToken);
        }
    }

    /// <summary>Removes the row of <paramref name="key"/>, writing its bucket; false (and no write) when there was none.</summary>
    public bool Remove(string key, out Task written)
    {
        var bucket = DictionaryBuckets.Of(key);
        if (!_states[bucket].State.Rows.Remove(key))
        {
            written = Task.CompletedTask;
            return false;
        }

        written = _writers[bucket].WriteAsync();
        return true;
    }

    private sealed record StateConfiguration(string StateName, string StorageName) : IPersistentStateConfiguration;
}

/// <summary>One stored bucket of a <see cref="BucketedDictionary{TValue}"/>.</summary>
/// <typeparam name="TValue">The row type.</typeparam>
[GenerateSerializer, Alias("OrleansProxy.DictionaryBucket`1")]
public sealed class DictionaryBucket<TValue>
{
    /// <summary>Key → row.</summary>
    [Id(0)] public Dictionary<string, TValue> Rows { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>The storage layout of <see cref="BucketedDictionary{TValue}"/>.</summary>
public static class DictionaryBuckets
{
    /// <summary>Records per map. A constant of the storage layout: changing it would hide stored rows.</summary>
    public const int Count = 16;

    /// <summary>The storage record name of bucket <paramref name="bucket"/> of map <paramref name="stateName"/>.</summary>
    public static string StateName(string stateName, int bucket) => $"{stateName}.{bucket}";

    /// <summary>The bucket of <paramref name="key"/>: FNV-1a of its UTF-16 code units, stable across processes and versions.</summary>
    public static int Of(string key)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Count);
    }
}
