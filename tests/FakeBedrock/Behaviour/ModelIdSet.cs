using System.Collections;
using System.Collections.Immutable;

namespace OrleansProxy.Testing.FakeBedrock.Behaviour;

/// <summary>
/// A thread-safe set of model ids or id prefixes (<c>anthropic.claude-3</c> covers every Claude 3
/// model). Readers see an immutable snapshot, so requests never lock against test code.
/// </summary>
public sealed class ModelIdSet : IReadOnlyCollection<string>
{
    private ImmutableHashSet<string> _items = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    public int Count => _items.Count;

    public void Add(string modelIdOrPrefix) => ImmutableInterlocked.Update(ref _items, set => set.Add(modelIdOrPrefix));

    public void Remove(string modelIdOrPrefix) => ImmutableInterlocked.Update(ref _items, set => set.Remove(modelIdOrPrefix));

    public void Clear() => _items = _items.Clear();

    /// <summary>Replaces the whole set at once.</summary>
    public void Set(IEnumerable<string> modelIdsOrPrefixes) =>
        _items = ImmutableHashSet.CreateRange(StringComparer.Ordinal, modelIdsOrPrefixes);

    /// <summary>True when any entry equals or prefixes the base model id or the id as requested (with its geography prefix).</summary>
    public bool Matches(string baseModelId, string requestedModelId)
    {
        foreach (var entry in _items)
        {
            if (baseModelId.StartsWith(entry, StringComparison.Ordinal) || requestedModelId.StartsWith(entry, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
