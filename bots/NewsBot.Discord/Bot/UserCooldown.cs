using System.Collections.Concurrent;

namespace NewsBot.Discord.Bot;

/// <summary>One question per user per <c>Discord:CooldownSeconds</c>: a community server should not be able to flood the bot.</summary>
public sealed class UserCooldown(TimeSpan cooldown, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _last = new();

    /// <summary>True and the clock restarts when <paramref name="userId"/> may ask; else false and how long to wait.</summary>
    public bool TryAsk(string userId, out TimeSpan wait)
    {
        var now = time.GetUtcNow();
        wait = TimeSpan.Zero;
        if (cooldown <= TimeSpan.Zero) return true;
        if (_last.TryGetValue(userId, out var last) && now - last < cooldown)
        {
            wait = cooldown - (now - last);
            return false;
        }
        _last[userId] = now;
        if (_last.Count > 50_000) foreach (var stale in _last.Where(p => now - p.Value >= cooldown).Select(p => p.Key).ToList()) _last.TryRemove(stale, out _);
        return true;
    }
}
