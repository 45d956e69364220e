using NewsBot.Discord.Bot;

namespace NewsBot.Discord.Tests.Bot;

public sealed class BotPartsTests
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void A_user_may_ask_once_per_cooldown_and_is_told_how_long_to_wait()
    {
        var clock = new Clock(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        var cooldown = new UserCooldown(TimeSpan.FromSeconds(10), clock);
        Assert.True(cooldown.TryAsk("ada", out _));
        clock.Now += TimeSpan.FromSeconds(3);
        Assert.False(cooldown.TryAsk("ada", out var wait));
        Assert.Equal(TimeSpan.FromSeconds(7), wait);
        Assert.True(cooldown.TryAsk("grace", out _)); // others are not held up
        clock.Now += TimeSpan.FromSeconds(7);
        Assert.True(cooldown.TryAsk("ada", out _));
    }

    [Fact]
    public void No_cooldown_configured_means_none()
    {
        var cooldown = new UserCooldown(TimeSpan.Zero, TimeProvider.System);
        Assert.True(cooldown.TryAsk("ada", out _));
        Assert.True(cooldown.TryAsk("ada", out _));
    }

    [Fact]
    public void Threads_are_remembered_up_to_a_bound()
    {
        var threads = new BotThreads(capacity: 2);
        threads.Add("1");
        threads.Add("2");
        threads.Add("3");
        Assert.False(threads.Contains("1"));
        Assert.True(threads.Contains("2"));
        Assert.True(threads.Contains("3"));
    }

    [Fact]
    public void The_commands_are_the_four_the_issue_names_with_Discords_limits()
    {
        Assert.Equal(["ask", "latest", "sources", "new"], DiscordCommands.All.Select(c => c.Name));
        Assert.All(DiscordCommands.All, c => Assert.InRange(c.Description.Length, 1, 100)); // Discord: 1–100 characters
        Assert.True(DiscordCommands.All[0].Options![0].Required);
        Assert.Equal("What's new?", DiscordCommands.LatestQuestion(null));
        Assert.Equal("Latest news about robotics", DiscordCommands.LatestQuestion(" robotics "));
    }
}
