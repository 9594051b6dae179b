namespace OrleansProxy.Users;

/// <summary>Where the current span of a <see cref="UsagePeriod"/> starts and ends, in UTC.</summary>
public static class UsagePeriods
{
    /// <summary>The first day of the span of <paramref name="period"/> that holds <paramref name="day"/> (null: all time).</summary>
    public static DateOnly? Start(UsagePeriod period, DateOnly day) => period switch
    {
        UsagePeriod.Day => day,
        // ISO weeks start on Monday; DayOfWeek has Sunday = 0.
        UsagePeriod.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        UsagePeriod.Month => new DateOnly(day.Year, day.Month, 1),
        _ => null,
    };

    /// <summary>The first day after that span (null: never).</summary>
    public static DateOnly? End(UsagePeriod period, DateOnly day) => period switch
    {
        UsagePeriod.Day => day.AddDays(1),
        UsagePeriod.Week => Start(period, day)!.Value.AddDays(7),
        UsagePeriod.Month => new DateOnly(day.Year, day.Month, 1).AddMonths(1),
        _ => null,
    };

    /// <summary>When the span holding <paramref name="now"/> resets (null: never).</summary>
    public static DateTimeOffset? ResetsAt(UsagePeriod period, DateTimeOffset now) =>
        End(period, Day(now)) is { } end ? Midnight(end) : null;

    /// <summary>When the span holding <paramref name="now"/> began (null: all time).</summary>
    public static DateTimeOffset? StartedAt(UsagePeriod period, DateTimeOffset now) =>
        Start(period, Day(now)) is { } start ? Midnight(start) : null;

    /// <summary>The UTC day of <paramref name="time"/>.</summary>
    public static DateOnly Day(DateTimeOffset time) => DateOnly.FromDateTime(time.UtcDateTime);

    /// <summary>00:00 UTC of <paramref name="day"/>.</summary>
    public static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The name the API uses (<c>day</c>, <c>week</c>, <c>month</c>, <c>total</c>).</summary>
    public static string Name(UsagePeriod period) => period switch
    {
        UsagePeriod.Day => "day",
        UsagePeriod.Week => "week",
        UsagePeriod.Month => "month",
        _ => "total",
    };

    /// <summary>Parses an API name; false for anything else.</summary>
    public static bool TryParse(string? name, out UsagePeriod period)
    {
        (var ok, period) = name?.ToLowerInvariant() switch
        {
            "day" => (true, UsagePeriod.Day),
            "week" => (true, UsagePeriod.Week),
            "month" => (true, UsagePeriod.Month),
            "total" => (true, UsagePeriod.Total),
            _ => (false, UsagePeriod.Total),
        };
        return ok;
    }
}
