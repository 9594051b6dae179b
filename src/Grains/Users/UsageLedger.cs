namespace OrleansProxy.Users;

/// <summary>
/// A user's usage per UTC day and family, and the sums quotas, budgets and reports need. Days older than
/// <see cref="RetainedDays"/> are dropped (the month and week periods never reach back that far; totals are kept apart).
/// </summary>
/// <param name="state">The persisted state it reads and writes.</param>
public readonly struct UsageLedger(UserState state)
{
    /// <summary>Days of per-day usage kept, for reports.</summary>
    public const int RetainedDays = 400;

    /// <summary>Counts <paramref name="usage"/> of <paramref name="family"/> on <paramref name="day"/>.</summary>
    public void Add(DateOnly day, string family, UsageCounters usage)
    {
        if (!state.Days.TryGetValue(day, out var families))
        {
            state.Days[day] = families = new Dictionary<string, UsageCounters>(StringComparer.Ordinal);
            Prune(day);
        }

        families[family] = families.GetValueOrDefault(family).Add(usage);
        state.Totals[family] = state.Totals.GetValueOrDefault(family).Add(usage);
    }

    /// <summary>Usage in the span of <paramref name="period"/> holding <paramref name="today"/>, for families <paramref name="covers"/> accepts.</summary>
    /// <remarks>Runs on every admission of a user with quotas or budgets: it sums in place, allocating nothing.</remarks>
    public UsageCounters Sum(UsagePeriod period, DateOnly today, Func<string, bool> covers)
    {
        var total = default(UsageCounters);
        if (UsagePeriods.Start(period, today) is not { } start)
        {
            foreach (var (family, usage) in state.Totals)
            {
                total = covers(family) ? total.Add(usage) : total;
            }

            return total;
        }

        for (var day = start; day <= today; day = day.AddDays(1))
        {
            if (state.Days.TryGetValue(day, out var families))
            {
                foreach (var (family, usage) in families)
                {
                    total = covers(family) ? total.Add(usage) : total;
                }
            }
        }

        return total;
    }

    /// <summary>Usage per family in the span of <paramref name="period"/> holding <paramref name="today"/>.</summary>
    public Dictionary<string, UsageCounters> ByFamily(UsagePeriod period, DateOnly today)
    {
        if (UsagePeriods.Start(period, today) is not { } start)
        {
            return new Dictionary<string, UsageCounters>(state.Totals, StringComparer.Ordinal);
        }

        var sums = new Dictionary<string, UsageCounters>(StringComparer.Ordinal);
        for (var day = start; day <= today; day = day.AddDays(1))
        {
            if (state.Days.TryGetValue(day, out var families))
            {
                foreach (var (family, usage) in families)
                {
                    sums[family] = sums.GetValueOrDefault(family).Add(usage);
                }
            }
        }

        return sums;
    }

    /// <summary>Per-day usage from <paramref name="from"/> to <paramref name="to"/> inclusive, in day then family order.</summary>
    public List<DailyUsage> Range(DateOnly from, DateOnly to)
    {
        var rows = new List<DailyUsage>();
        foreach (var (day, families) in state.Days)
        {
            if (day >= from && day <= to)
            {
                rows.AddRange(families.Select(f => new DailyUsage(day, f.Key, f.Value)));
            }
        }

        rows.Sort(static (a, b) => a.Day != b.Day ? a.Day.CompareTo(b.Day) : string.CompareOrdinal(a.Family, b.Family));
        return rows;
    }

    private void Prune(DateOnly today)
    {
        var oldest = today.AddDays(-RetainedDays);
        foreach (var day in state.Days.Keys.Where(d => d < oldest).ToList())
        {
            state.Days.Remove(day);
        }
    }
}
