using System.Collections.Concurrent;

namespace OrleansProxy.Gateway.Translation;

/// <summary>
/// A model family's generation (<see cref="BetaPolicy.Generation"/>), parsed once per family rather than on every
/// request, for the beta and field policies alike. Families come from the catalogue and from the naming rules, so a
/// client can make up new ones (<c>claude-opus-77-7</c> resolves by rule before the pool refuses it): a cache stops
/// growing at its capacity and parses any further family each time, as every request did before.
/// </summary>
internal sealed class ModelGenerations(int capacity)
{
    /// <summary>Most families the shared cache keeps; the catalogue and what Bedrock lists come to a few dozen.</summary>
    public const int DefaultCapacity = 512;

    private readonly ConcurrentDictionary<string, decimal> _cache = new(StringComparer.Ordinal);

    /// <summary>The cache every request uses.</summary>
    public static ModelGenerations Shared { get; } = new(DefaultCapacity);

    /// <summary>Families cached.</summary>
    public int Count => _cache.Count;

    /// <summary>The generation of <paramref name="family"/> from <see cref="Shared"/>.</summary>
    public static decimal Of(string family) => Shared.Get(family);

    /// <summary>The generation of <paramref name="family"/>.</summary>
    public decimal Get(string family)
    {
        ArgumentNullException.ThrowIfNull(family);
        if (_cache.TryGetValue(family, out var generation))
        {
            return generation;
        }

        generation = BetaPolicy.Generation(family);
        // Count takes every lock of the dictionary, but only on a miss: once per family while there is room.
        if (_cache.Count < capacity)
        {
            _cache.TryAdd(family, generation);
        }

        return generation;
    }

    /// <summary>Whether <paramref name="family"/> is cached.</summary>
    public bool IsCached(string family) => _cache.ContainsKey(family);
}
