namespace NewsBot.Retrieval.Time;

/// <summary>Calendar periods as date ranges.</summary>
internal static class Periods
{
    public static DateRange Month(int year, int month) =>
        new(new DateOnly(year, month, 1), new DateOnly(year, month, DateTime.DaysInMonth(year, month)));

    public static DateRange Quarter(int year, int quarter) =>
        new(new DateOnly(year, 3 * quarter - 2, 1), Month(year, 3 * quarter).To);

    public static DateRange Year(int year) => new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    public static int QuarterOf(DateOnly date) => (date.Month - 1) / 3 + 1;

    /// <summary>Weeks start on Monday (ISO 8601), so "this week" on a Sunday covers the six days before it too.</summary>
    public static DateOnly MondayOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    /// <summary>The most recent occurrence of <paramref name="month"/> that has begun by <paramref name="anchor"/>.</summary>
    public static DateRange LatestMonth(int month, DateOnly anchor) =>
        Month(month <= anchor.Month ? anchor.Year : anchor.Year - 1, month);
}
