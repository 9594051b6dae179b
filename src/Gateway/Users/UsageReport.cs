using OrleansProxy.Users;

namespace OrleansProxy.Gateway.Users;

/// <summary>Adds users' per-day, per-family usage into rows grouped by some of user, family and day. Thread-safe.</summary>
public sealed class UsageReport(UsageGroups groups)
{
    private readonly Dictionary<UsageKey, UsageCounters> _rows = [];
    private readonly Lock _lock = new();
    private UsageCounters _total;

    /// <summary>The keys rows are grouped by.</summary>
    public UsageGroups Groups => groups;

    /// <summary>Everything added.</summary>
    public UsageCounters Total
    {
        get
        {
            lock (_lock)
            {
                return _total;
            }
        }
    }

    /// <summary>Adds one user's usage.</summary>
    public void Add(string userId, IEnumerable<DailyUsage> usage)
    {
        lock (_lock)
        {
            foreach (var day in usage)
            {
                var key = new UsageKey(
                    groups.HasFlag(UsageGroups.User) ? userId : null,
                    groups.HasFlag(UsageGroups.Family) ? day.Family : null,
                    groups.HasFlag(UsageGroups.Day) ? day.Day : null);
                _rows[key] = _rows.TryGetValue(key, out var sum) ? sum.Add(day.Usage) : day.Usage;
                _total = _total.Add(day.Usage);
            }
        }
    }

    /// <summary>The rows, ordered by user id, day, then family.</summary>
    public IReadOnlyList<(UsageKey Key, UsageCounters Usage)> Rows()
    {
        lock (_lock)
        {
            return _rows.Select(p => (p.Key, p.Value))
                .OrderBy(r => r.Key.User, StringComparer.Ordinal)
                .ThenBy(r => r.Key.Day)
                .ThenBy(r => r.Key.Family, StringComparer.Ordinal)
                .ToList();
        }
    }
}

/// <summary>A usage row's group keys; null for a key the report does not group by.</summary>
public readonly record struct UsageKey(string? User, string? Family, DateOnly? Day);
