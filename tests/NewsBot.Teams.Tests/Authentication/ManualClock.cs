namespace NewsBot.Teams.Tests.Authentication;

/// <summary>A clock that stands still until a test moves it, so token lifetimes are judged at a known instant.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
