namespace NewsBot.Teams.Authentication;

/// <summary>Outcome of checking one inbound request.</summary>
/// <param name="Succeeded">True when the request may be processed.</param>
/// <param name="Failure">Why it was refused: short, fit for a log line, never token content.</param>
public sealed record InboundAuthentication(bool Succeeded, string? Failure)
{
    public static InboundAuthentication Success { get; } = new(true, null);

    public static InboundAuthentication Fail(string reason) => new(false, reason);
}
