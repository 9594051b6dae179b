namespace OrleansProxy.Pool;

/// <summary>
/// The credentials of one AWS account in one region: they share Bedrock's quotas, so a family throttled on one of
/// them is throttled on all. Kept by <see cref="CredentialSelector"/>.
/// </summary>
/// <param name="key">The account's quota group and the region.</param>
public sealed class QuotaGroup(string key)
{
    private readonly Dictionary<string, DateTimeOffset> _lockedUntil = new(StringComparer.Ordinal);

    /// <summary>The account's quota group and the region.</summary>
    public string Key { get; } = key;

    /// <summary>The credentials in the group.</summary>
    public List<PoolEntry> Members { get; } = [];

    /// <summary>Per family, the latest lockout any member reported (possibly already over).</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> LockedUntil => _lockedUntil;

    /// <summary>
    /// Takes a member's new lockouts, replacing <paramref name="previous"/> (null for a new member), and returns the
    /// families whose group lockout changed. Extending is O(families); only a member that held a group lockout and
    /// shortened or cleared it makes the group look at every member again.
    /// </summary>
    public IReadOnlySet<string> Update(IReadOnlyDictionary<string, DateTimeOffset>? previous, IReadOnlyDictionary<string, DateTimeOffset> current)
    {
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (family, until) in current)
        {
            if (Extend(_lockedUntil, family, until))
            {
                changed.Add(family);
            }
        }

        if (previous is not null && HeldAndShortened(previous, current))
        {
            changed.UnionWith(Recompute());
        }

        return changed;
    }

    /// <summary>Recomputes the lockouts from the members (after one left or shortened its own); returns the families that changed.</summary>
    public IReadOnlySet<string> Recompute()
    {
        var latest = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var member in Members)
        {
            foreach (var (family, until) in member.Summary.LockedUntil)
            {
                Extend(latest, family, until);
            }
        }

        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (family, until) in _lockedUntil)
        {
            if (!latest.TryGetValue(family, out var now) || now != until)
            {
                changed.Add(family);
            }
        }

        changed.UnionWith(latest.Keys.Where(family => !_lockedUntil.ContainsKey(family)));
        _lockedUntil.Clear();
        foreach (var (family, until) in latest)
        {
            _lockedUntil[family] = until;
        }

        return changed;
    }

    // Keeps the later of the family's known lockout and until; returns whether until was later.
    private static bool Extend(Dictionary<string, DateTimeOffset> lockouts, string family, DateTimeOffset until)
    {
        if (lockouts.TryGetValue(family, out var known) && until <= known)
        {
            return false;
        }

        lockouts[family] = until;
        return true;
    }

    // Whether one of the member's old lockouts was the group's and its new one is shorter or gone.
    private bool HeldAndShortened(IReadOnlyDictionary<string, DateTimeOffset> previous, IReadOnlyDictionary<string, DateTimeOffset> current)
    {
        foreach (var (family, until) in previous)
        {
            if (_lockedUntil.TryGetValue(family, out var held) && held == until
                && (!current.TryGetValue(family, out var now) || now < until))
            {
                return true;
            }
        }

        return false;
    }
}
