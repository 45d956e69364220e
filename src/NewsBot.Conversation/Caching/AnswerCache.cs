using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using NewsBot.Index;
using NewsBot.Retrieval;

namespace NewsBot.Conversation.Caching;

/// <summary>
/// Answers by the question as searched (a follow-up made whole), reused for a few minutes: readers of one site ask the same
/// popular questions, and an answer depends only on the question, the day and the index. A write to the index (a new
/// generation) or a new day changes the key, so nothing stale is served. Bounded; thread-safe.
/// </summary>
public sealed class AnswerCache(int capacity, TimeSpan lifetime, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private sealed record Entry(EngineReply Reply, DateTimeOffset Expires);

    public bool Enabled => capacity > 0 && lifetime > TimeSpan.Zero;

    public int Count => _entries.Count;

    public EngineReply? Get(string key) =>
        _entries.TryGetValue(key, out var entry) && entry.Expires > clock.GetUtcNow() ? entry.Reply : null;

    public void Set(string key, EngineReply reply)
    {
        if (!Enabled) return;
        if (_entries.Count >= capacity) Shrink();
        // What retrieval found is for evaluation and diagnostics, and the bulk of the memory: not kept.
        _entries[key] = new Entry(reply with { Retrieval = null }, clock.GetUtcNow() + lifetime);
    }

    /// <summary>The question as typed, up to case, spacing and closing punctuation, with everything else it depends on.</summary>
    public static string Key(string question, SearchFilter filter, RetrievalMode? mode, DateOnly today, long generation)
    {
        var key = new StringBuilder(question.Length + 64);
        foreach (var word in question.Trim().TrimEnd('?', '!', '.', ' ').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            key.Append(word.ToLowerInvariant()).Append(' ');
        key.Append('|').Append(filter.From?.ToString("O", CultureInfo.InvariantCulture)).Append('|').Append(filter.To?.ToString("O", CultureInfo.InvariantCulture))
            .Append('|').Append(filter.Publications is { } p ? string.Join(',', p.Order()) : null)
            .Append('|').Append(filter.Kinds is { } k ? string.Join(',', k.Order()) : null)
            .Append('|').Append(mode).Append('|').Append(today.DayNumber).Append('|').Append(generation);
        return key.ToString();
    }

    // Expired entries go first; if that is not enough, the half closest to expiry (the oldest).
    private void Shrink()
    {
        var now = clock.GetUtcNow();
        foreach (var (key, entry) in _entries)
            if (entry.Expires <= now) _entries.TryRemove(key, out _);
        if (_entries.Count < capacity) return;
        foreach (var (key, _) in _entries.OrderBy(e => e.Value.Expires).Take(_entries.Count / 2 + 1).ToList())
            _entries.TryRemove(key, out _);
    }
}
