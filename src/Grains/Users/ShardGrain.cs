using OrleansProxy.Hosting;
using OrleansProxy.Persistence;

namespace OrleansProxy.Users;

/// <summary>
/// A user-index or token-directory shard: its rows in <see cref="BucketedDictionary{TValue}"/> buckets, taking in on
/// activation the one record (<typeparamref name="TLegacy"/>) an earlier version kept the shard in.
/// </summary>
/// <typeparam name="TLegacy">The earlier version's one-record state.</typeparam>
/// <typeparam name="TValue">The row type.</typeparam>
public abstract class ShardGrain<TLegacy, TValue> : Grain
{
    private readonly IPersistentState<TLegacy> _legacy;
    private readonly Func<TLegacy, Dictionary<string, TValue>> _legacyRows;

    /// <summary>Creates the shard's bucket records under <paramref name="stateName"/> (read when it activates).</summary>
    protected ShardGrain(
        IPersistentState<TLegacy> legacy, Func<TLegacy, Dictionary<string, TValue>> legacyRows, IPersistentStateFactory states, string stateName)
    {
        _legacy = legacy;
        _legacyRows = legacyRows;
        Rows = new BucketedDictionary<TValue>(states, GrainContext, stateName, ProxyStorage.Name, DeactivateOnIdle);
    }

    /// <summary>The shard's rows.</summary>
    protected BucketedDictionary<TValue> Rows { get; }

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        Rows.MoveInAsync(_legacy, _legacyRows, cancellationToken);
}
