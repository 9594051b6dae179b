namespace OrleansProxy.Users;

/// <summary>The span a quota or budget covers, in UTC: the calendar day, the ISO week (from Monday), the month, or all time.</summary>
public enum UsagePeriod
{
    /// <summary>The UTC calendar day.</summary>
    Day,

    /// <summary>The ISO week, Monday 00:00 UTC to the next Monday.</summary>
    Week,

    /// <summary>The UTC calendar month.</summary>
    Month,

    /// <summary>Since the user was created; never resets.</summary>
    Total,
}
