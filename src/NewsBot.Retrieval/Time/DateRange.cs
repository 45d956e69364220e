namespace NewsBot.Retrieval.Time;

/// <summary>An inclusive date range.</summary>
public readonly record struct DateRange(DateOnly From, DateOnly To)
{
    public bool Contains(DateOnly date) => date >= From && date <= To;
    public int Days => To.DayNumber - From.DayNumber + 1;
}
