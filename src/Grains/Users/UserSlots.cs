namespace OrleansProxy.Users;

/// <summary>
/// A user's requests in flight, each a slot that expires unless renewed or released: a request that is cancelled,
/// fails, or whose gateway dies can only ever hold its slot until the expiry, never leak it (there is no counter
/// to decrement). Each slot holds its request's <c>max_tokens</c> against the tokens-per-minute limit.
/// </summary>
public sealed class UserSlots
{
    private readonly Dictionary<Guid, Slot> _slots = [];
    private long _reserved;

    /// <summary>Live slots after dropping the expired ones.</summary>
    public int Count(DateTimeOffset now)
    {
        Sweep(now);
        return _slots.Count;
    }

    /// <summary>Tokens reserved by live slots.</summary>
    public long Reserved(DateTimeOffset now)
    {
        Sweep(now);
        return _reserved;
    }

    /// <summary>Whether <paramref name="slotId"/> is live (an admission retried by the gateway must not take two).</summary>
    public bool Contains(Guid slotId) => _slots.ContainsKey(slotId);

    /// <summary>Takes a slot for <paramref name="ttl"/> from <paramref name="now"/>.</summary>
    public void Take(Guid slotId, long reserveTokens, DateTimeOffset now, TimeSpan ttl)
    {
        _slots[slotId] = new Slot(now + ttl, reserveTokens, ttl);
        _reserved += reserveTokens;
    }

    /// <summary>Extends a live slot by its lifetime; false when it is gone.</summary>
    public bool Renew(Guid slotId, DateTimeOffset now)
    {
        Sweep(now);
        if (!_slots.TryGetValue(slotId, out var slot))
        {
            return false;
        }

        _slots[slotId] = slot with { Expires = now + slot.Ttl };
        return true;
    }

    /// <summary>Frees a slot; false when it was already gone (expired, or released before).</summary>
    public bool Release(Guid slotId)
    {
        if (!_slots.Remove(slotId, out var slot))
        {
            return false;
        }

        _reserved -= slot.ReservedTokens;
        return true;
    }

    /// <summary>The live slots, for <see cref="RateSnapshot"/>.</summary>
    public List<SlotSnapshot> Export(DateTimeOffset now)
    {
        Sweep(now);
        var slots = new List<SlotSnapshot>(_slots.Count);
        foreach (var (id, slot) in _slots)
        {
            slots.Add(new SlotSnapshot(id, slot.Expires, slot.ReservedTokens, slot.Ttl));
        }

        return slots;
    }

    /// <summary>Takes back what <see cref="Export"/> wrote, with the expiries it had; expired ones are dropped.</summary>
    public void Import(IEnumerable<SlotSnapshot> slots, DateTimeOffset now)
    {
        foreach (var slot in slots)
        {
            if (slot.Expires > now && !_slots.ContainsKey(slot.Id))
            {
                _slots[slot.Id] = new Slot(slot.Expires, slot.ReservedTokens, slot.Ttl);
                _reserved += slot.ReservedTokens;
            }
        }
    }

    /// <summary>The earliest expiry of a live slot (for the retry hint of a user at its concurrency limit).</summary>
    public DateTimeOffset? NextExpiry()
    {
        DateTimeOffset? next = null;
        foreach (var slot in _slots.Values)
        {
            if (next is null || slot.Expires < next)
            {
                next = slot.Expires;
            }
        }

        return next;
    }

    private void Sweep(DateTimeOffset now)
    {
        if (_slots.Count == 0)
        {
            return;
        }

        List<Guid>? expired = null;
        foreach (var (id, slot) in _slots)
        {
            if (slot.Expires <= now)
            {
                (expired ??= []).Add(id);
            }
        }

        if (expired is null)
        {
            return;
        }

        foreach (var id in expired)
        {
            Release(id);
        }
    }

    private readonly record struct Slot(DateTimeOffset Expires, long ReservedTokens, TimeSpan Ttl);
}
