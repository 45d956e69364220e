namespace NewsBot.Discord.Tests.Rest;

/// <summary>
/// The tests that measure when requests arrive run alone, so the other tests' load on a small machine does not
/// stretch the gaps they check.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RateLimitTimingCollection
{
    public const string Name = "Discord REST timing";
}
