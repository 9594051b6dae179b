namespace OrleansProxy.Pool;

/// <summary>
/// The pool's bounded, expiring map from session hash to <see cref="SessionPin"/>: at most <c>capacity</c> pins, the
/// least recently seen evicted first, each expiring its lifetime after it was last seen (sliding, like Bedrock's
/// prompt cache). Not thread-safe: it lives in the pool grain, whose turns are its lock.
/// </summary>
/// <remarks>
/// A plain map and intrusive lists instead of a caching library: it must run on the grain's <see cref="TimeProvider"/>
/// (tests drive expiry with a fake clock), and every operation is O(1). There is one recency list per lifetime
/// (5 minutes, 1 hour): within a list, the least recently seen pin is also the first to expire, so expiry only
/// ever looks at list tails, and eviction takes the older of the two tails.
/// </remarks>
public sealed class SessionPins(int capacity)
{
    private readonly Dictionary<UInt128, SessionPin> _pins = [];
    private readonly List<RecencyList> _lists = [];

    /// <summary>How many sessions are pinned.</summary>
    public int Count => _pins.Count;

    /// <summary>The most sessions kept.</summary>
    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "Must be positive.");

    /// <summary>Pins evicted because the map was full (the cap is too small for the traffic if this grows fast).</summary>
    public long Evicted { get; private set; }

    /// <summary>
    /// The session's pin, seen now (its lifetime restarts, at least <paramref name="ttl"/>): a live pin, or a new
    /// empty one (no credential yet) when it was unknown or had expired.
    /// </summary>
    public SessionPin Touch(UInt128 hash, TimeSpan ttl, DateTimeOffset now)
    {
        if (_pins.TryGetValue(hash, out var pin))
        {
            var list = pin.List!;
            if (pin.LastSeen + list.Ttl > now)
            {
                list.Remove(pin);
                // A session that once asked for an hour keeps it: its hour-long cache entry is still there.
                (ttl > list.Ttl ? ListFor(ttl) : list).AddNewest(pin);
                pin.LastSeen = now;
                return pin;
            }

            Drop(pin);
        }

        ExpireOld(now);
        if (_pins.Count >= Capacity)
        {
            EvictOldest();
        }

        pin = new SessionPin(hash) { LastSeen = now };
        _pins.Add(hash, pin);
        ListFor(ttl).AddNewest(pin);
        return pin;
    }

    /// <summary>The live pin of <paramref name="hash"/>, without touching it; null when unknown or expired.</summary>
    public SessionPin? Find(UInt128 hash, DateTimeOffset now) =>
        _pins.TryGetValue(hash, out var pin) && pin.LastSeen + pin.List!.Ttl > now ? pin : null;

    /// <summary>Drops every expired pin (the sweep timer calls this; lookups never return one anyway).</summary>
    public int ExpireOld(DateTimeOffset now)
    {
        var dropped = 0;
        foreach (var list in _lists)
        {
            while (list.Oldest is { } oldest && oldest.LastSeen + list.Ttl <= now)
            {
                Drop(oldest);
                dropped++;
            }
        }

        return dropped;
    }

    /// <summary>Forgets every pin.</summary>
    public void Clear()
    {
        _pins.Clear();
        foreach (var list in _lists)
        {
            list.Clear();
        }
    }

    private void EvictOldest()
    {
        SessionPin? oldest = null;
        foreach (var list in _lists)
        {
            if (list.Oldest is { } candidate && (oldest is null || candidate.LastSeen < oldest.LastSeen))
            {
                oldest = candidate;
            }
        }

        if (oldest is not null)
        {
            Drop(oldest);
            Evicted++;
        }
    }

    private void Drop(SessionPin pin)
    {
        pin.List!.Remove(pin);
        _pins.Remove(pin.Hash);
    }

    private RecencyList ListFor(TimeSpan ttl)
    {
        foreach (var list in _lists)
        {
            if (list.Ttl == ttl)
            {
                return list;
            }
        }

        var added = new RecencyList(ttl);
        _lists.Add(added);
        return added;
    }

    /// <summary>The pins of one lifetime, newest first.</summary>
    internal sealed class RecencyList(TimeSpan ttl)
    {
        private SessionPin? _newest;

        public TimeSpan Ttl { get; } = ttl;

        public SessionPin? Oldest { get; private set; }

        public void AddNewest(SessionPin pin)
        {
            pin.List = this;
            pin.Older = _newest;
            pin.Newer = null;
            if (_newest is not null)
            {
                _newest.Newer = pin;
            }

            _newest = pin;
            Oldest ??= pin;
        }

        public void Remove(SessionPin pin)
        {
            if (pin.Newer is null)
            {
                _newest = pin.Older;
            }
            else
            {
                pin.Newer.Older = pin.Older;
            }

            if (pin.Older is null)
            {
                Oldest = pin.Newer;
            }
            else
            {
                pin.Older.Newer = pin.Newer;
            }

            pin.Newer = pin.Older = null;
            pin.List = null;
        }

        public void Clear() => _newest = Oldest = null;
    }
}
