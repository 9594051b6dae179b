using System.Diagnostics;

namespace OrleansProxy.Pool;

/// <summary>
/// One family's candidates in one region, best first: fewest in-flight leases, then longest at that load. Each load
/// level is an intrusive doubly linked list, and an entry whose load changes (a lease, a release) or that comes back
/// (a lockout ends, a new summary) goes to the tail of its level. So a lease or a release costs O(1) per bucket and
/// allocates nothing, however many credentials share the bucket; a credential sits in one bucket per family it
/// serves, so that cost is paid for every family (a sorted set paid O(log n) and a new node per family instead).
/// </summary>
/// <remarks>"Longest at that load" is least recently leased for a credential at rest, and puts one just released or
/// just unthrottled behind those that have waited longer, which spreads load the same way.</remarks>
public sealed class CandidateBucket
{
    private BucketSlot?[] _heads = new BucketSlot?[4];
    private BucketSlot?[] _tails = new BucketSlot?[4];
    private int _lowest;

    /// <summary>Candidates in the bucket.</summary>
    public int Count { get; private set; }

    /// <summary>The best candidate, or null when the bucket is empty.</summary>
    public BucketSlot? First => Count == 0 ? null : _heads[_lowest];

    /// <summary>The best candidate not in <paramref name="exclude"/> (credentials a request already tried).</summary>
    public BucketSlot? FirstNotExcluded(IReadOnlyCollection<string> exclude)
    {
        if (exclude.Count == 0 || Count == 0)
        {
            return First;
        }

        for (var level = _lowest; level < _heads.Length; level++)
        {
            for (var slot = _heads[level]; slot is not null; slot = slot.Next)
            {
                if (!exclude.Contains(slot.Entry.Id))
                {
                    return slot;
                }
            }
        }

        return null;
    }

    /// <summary>Puts <paramref name="slot"/> last among the candidates with its entry's in-flight count.</summary>
    /// <param name="slot">A slot of this bucket, not linked.</param>
    /// <param name="stamp">The selector's move counter, strictly increasing: orders candidates across buckets.</param>
    internal void Append(BucketSlot slot, long stamp)
    {
        Debug.Assert(!slot.IsLinked && ReferenceEquals(slot.Bucket, this), "a slot is linked into its own bucket once");
        var level = slot.Entry.InFlight;
        if (level >= _heads.Length)
        {
            var size = Math.Max(level + 1, _heads.Length * 2);
            Array.Resize(ref _heads, size);
            Array.Resize(ref _tails, size);
        }

        slot.Level = level;
        slot.Stamp = stamp;
        slot.Previous = _tails[level];
        slot.Next = null;
        if (_tails[level] is { } tail)
        {
            tail.Next = slot;
        }
        else
        {
            _heads[level] = slot;
        }

        _tails[level] = slot;
        slot.IsLinked = true;
        if (Count++ == 0 || level < _lowest)
        {
            _lowest = level;
        }
    }

    /// <summary>Takes <paramref name="slot"/> out of the bucket; nothing when it is not in it.</summary>
    internal void Remove(BucketSlot slot)
    {
        if (!slot.IsLinked)
        {
            return;
        }

        var level = slot.Level;
        if (slot.Previous is { } previous)
        {
            previous.Next = slot.Next;
        }
        else
        {
            _heads[level] = slot.Next;
        }

        if (slot.Next is { } next)
        {
            next.Previous = slot.Previous;
        }
        else
        {
            _tails[level] = slot.Previous;
        }

        slot.Previous = null;
        slot.Next = null;
        slot.IsLinked = false;
        if (--Count == 0)
        {
            _lowest = 0;
            return;
        }

        while (_heads[_lowest] is null)
        {
            _lowest++;
        }
    }
}

/// <summary>A pool entry's place in the bucket of one family it serves: made once, linked while it is a candidate there.</summary>
public sealed class BucketSlot
{
    internal BucketSlot(PoolEntry entry, CandidateBucket bucket)
    {
        Entry = entry;
        Bucket = bucket;
    }

    /// <summary>The credential.</summary>
    public PoolEntry Entry { get; }

    /// <summary>The bucket of its region for the family.</summary>
    public CandidateBucket Bucket { get; internal set; }

    /// <summary>Whether it is a candidate now (usable, granted, not locked out).</summary>
    public bool IsLinked { get; internal set; }

    internal BucketSlot? Previous { get; set; }

    internal BucketSlot? Next { get; set; }

    internal int Level { get; set; }

    internal long Stamp { get; set; }

    /// <summary>Whether this candidate comes before <paramref name="other"/> (of any bucket): less load, or longer at it.</summary>
    public bool IsBetterThan(BucketSlot other) => Level != other.Level ? Level < other.Level : Stamp < other.Stamp;
}
