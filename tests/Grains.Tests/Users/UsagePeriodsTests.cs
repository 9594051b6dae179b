namespace OrleansProxy.Users.Tests;

public sealed class UsagePeriodsTests
{
    [Theory]
    [InlineData("2026-12-04", UsagePeriod.Day, "2026-12-04", "2026-12-05")]
    [InlineData("2026-12-04", UsagePeriod.Week, "2026-11-30", "2026-12-07")] // a Friday; the ISO week began on Monday
    [InlineData("2026-11-30", UsagePeriod.Week, "2026-11-30", "2026-12-07")] // a Monday
    [InlineData("2026-12-06", UsagePeriod.Week, "2026-11-30", "2026-12-07")] // a Sunday ends its week
    [InlineData("2026-12-31", UsagePeriod.Month, "2026-12-01", "2027-01-01")]
    [InlineData("2028-02-29", UsagePeriod.Month, "2028-02-01", "2028-03-01")]
    public void StartAndEnd_AreUtcCalendarSpans(string day, UsagePeriod period, string start, string end)
    {
        var date = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), UsagePeriods.Start(period, date));
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), UsagePeriods.End(period, date));
    }

    [Fact]
    public void Total_NeverResets()
    {
        Assert.Null(UsagePeriods.Start(UsagePeriod.Total, new DateOnly(2026, 12, 4)));
        Assert.Null(UsagePeriods.ResetsAt(UsagePeriod.Total, DateTimeOffset.UtcNow));
    }

    [Fact]
    public void ResetsAt_IsUtcMidnight_WhateverTheOffsetOfNow()
    {
        // 23:30 at UTC-5 is already the next UTC day.
        var now = new DateTimeOffset(2026, 12, 4, 23, 30, 0, TimeSpan.FromHours(-5));

        Assert.Equal(new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero), UsagePeriods.ResetsAt(UsagePeriod.Day, now));
    }

    [Theory]
    [InlineData("day", UsagePeriod.Day)]
    [InlineData("WEEK", UsagePeriod.Week)]
    [InlineData("month", UsagePeriod.Month)]
    [InlineData("total", UsagePeriod.Total)]
    public void TryParse_TakesTheApiNames(string name, UsagePeriod expected)
    {
        Assert.True(UsagePeriods.TryParse(name, out var period));
        Assert.Equal(expected, period);
    }

    [Theory]
    [InlineData("year")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_RefusesOthers(string? name) => Assert.False(UsagePeriods.TryParse(name, out _));
}
