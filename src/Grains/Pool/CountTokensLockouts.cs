using OrleansProxy.Throttling;

namespace OrleansProxy.Pool;

/// <summary>
/// Credentials throttled on CountTokens, kept out of CountTokens picks for a doubling backoff. Apart from the
/// credentials' own invoke lockouts on purpose: CountTokens is free and has a quota of its own, so a burst of counts
/// (Claude Code's VS Code extension sends dozens at start-up) must never lock a credential out of real traffic.
/// In memory only: a lost lockout costs one more throttled count, retried elsewhere.
/// Not thread-safe: the pool grain's turn-based execution is its lock.
/// </summary>
public sealed class CountTokensLockouts(ThrottleBackoff backoff)
{
    private readonly Dictionary<string, (DateTimeOffset Until, int Consecutive)> _lockouts = new(StringComparer.Ordinal);

    /// <summary>Credentials with a lockout on record (current or recent).</summary>
    public int Count => _lockouts.Count;

    /// <summary>Records a throttle and returns when the credential may count again.</summary>
    public DateTimeOffset Throttled(string credentialId, DateTimeOffset now)
    {
        // Throttles in a row (the previous lockout ended less than one longest lockout ago) back off further.
        var consecutive = _lockouts.TryGetValue(credentialId, out var known) && now < known.Until + backoff.Max ? known.Consecutive + 1 : 1;
        var until = now + backoff.LockoutFor(consecutive, null);
        _lockouts[credentialId] = (until, consecutive);
        return until;
    }

    /// <summary>Whether the credential is locked out of counting at <paramref name="now"/>.</summary>
    public bool IsLocked(string credentialId, DateTimeOffset now) =>
        _lockouts.TryGetValue(credentialId, out var lockout) && lockout.Until > now;

    /// <summary>
    /// <paramref name="exclude"/> plus every credential locked out of counting now; forgets lockouts long over.
    /// </summary>
    public IReadOnlyCollection<string> Exclude(IReadOnlyList<string> exclude, DateTimeOffset now)
    {
        if (_lockouts.Count == 0)
        {
            return exclude;
        }

        var merged = new HashSet<string>(exclude, StringComparer.Ordinal);
        foreach (var (id, lockout) in _lockouts)
        {
            if (lockout.Until > now)
            {
                merged.Add(id);
            }
            else if (now >= lockout.Until + backoff.Max)
            {
                _lockouts.Remove(id);
            }
        }

        return merged;
    }

    /// <summary>Forgets a credential (retired).</summary>
    public void Remove(string credentialId) => _lockouts.Remove(credentialId);
}
