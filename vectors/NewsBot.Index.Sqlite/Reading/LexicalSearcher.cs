using System.Globalization;
using Microsoft.Data.Sqlite;
using NewsBot.Domain;

namespace NewsBot.Index.Sqlite.Reading;

/// <summary>
/// BM25 over the canonical passages (FTS5's bm25(), title weighted), filtered inside the query so the limit counts
/// only passages that pass.
/// </summary>
/// <remarks>
/// FTS5 scores every passage that matches any term, so a term found in most passages ("ai" in AI news) makes a search
/// slow while adding nothing: bm25() gives a term in half the passages or more an IDF of 10⁻⁶. Such terms are left out
/// of the match, which changes no score by more than about 10⁻⁶, unless too few passages match the others — then
/// the search runs again with every term, so the passages that match only those terms still fill the limit.
/// </remarks>
internal sealed class LexicalSearcher(double titleWeight, DocumentFrequencies frequencies, StoryCache cache)
{
    // FTS5 ranks by this per query (the "rank MATCH" override); bm25() is lower-is-better.
    private readonly string _rankFunction = string.Create(CultureInfo.InvariantCulture, $"bm25({titleWeight:R}, 1.0)");

    /// <summary>Runs in the caller's read transaction, so the hits and their stories come from one snapshot.</summary>
    public async Task<IReadOnlyList<PassageHit>> SearchAsync(SqliteConnection connection, LexicalQuery query, CancellationToken cancellationToken)
    {
        var terms = query.Terms.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.Ordinal).ToList();
        if (query.Limit <= 0 || terms.Count == 0) return [];

        var state = await IndexState.ReadAsync(connection, cancellationToken);
        var memory = Memory is { } loaded && loaded.Generation == state.Generation && terms.All(KeywordMemoryIndex.Handles) ? loaded : null;
        if (memory is null && Memory is { } stale && stale.Generation != state.Generation) MemoryStale?.Invoke();
        var df = memory is null
            ? await frequencies.GetAsync(connection, state.Generation, terms, cancellationToken)
            : terms.ToDictionary(t => t, memory.Frequency, StringComparer.Ordinal);
        var present = terms.Where(t => df[t] > 0).ToList();
        var informative = present.Where(t => 2 * df[t] < state.Passages).ToList();

        var found = informative.Count > 0 ? await FindAsync(connection, memory, informative, query, cancellationToken) : [];
        if (found.Count < query.Limit && informative.Count < present.Count && (query.FillWithCommonTerms || found.Count == 0))
            found = await FindAsync(connection, memory, present, query, cancellationToken);
        if (found.Count == 0) return [];

        var stories = await cache.LoadStoriesAsync(connection, found.Select(f => f.Passage.StoryId).Distinct(), cancellationToken, state.Generation);
        return found.Select(f =>
        {
            var story = stories[f.Passage.StoryId];
            return new PassageHit(f.Passage with { StoryTitle = story.Title, StoryDate = story.Date }, story, f.Score);
        }).ToList();
    }

    /// <summary>The in-memory ranking for the current generation, when one has been loaded (a server loads it).</summary>
    public KeywordMemoryIndex? Memory { get; set; }

    /// <summary>Raised when a search finds <see cref="Memory"/> older than the index (it then uses FTS5 meanwhile).</summary>
    public Action? MemoryStale { get; set; }

    private async Task<List<(Passage Passage, double Score)>> FindAsync(SqliteConnection connection, KeywordMemoryIndex? memory, IReadOnlyList<string> terms,
        LexicalQuery query, CancellationToken cancellationToken)
    {
        if (memory is null) return await FindWithFtsAsync(connection, terms, query, cancellationToken);
        // Passages from the story cache: the same instances every time, so their analysed terms are remembered too.
        var found = new List<(Passage Passage, double Score)>();
        foreach (var (storyId, ordinal, score) in memory.Search(terms, query.Filter, query.Limit, titleWeight))
            if ((await cache.LoadPassagesAsync(connection, storyId, cancellationToken, memory.Generation)).FirstOrDefault(p => p.Ordinal == ordinal) is { } passage)
                found.Add((passage, score));
        return found;
    }

    /// <summary>Story id, ordinal, start, length and text from <paramref name="first"/> on.</summary>
    private static Passage ReadPassage(SqliteDataReader reader, int first)
    {
        var storyId = reader.GetString(first);
        var ordinal = reader.GetInt32(first + 1);
        return new Passage
        {
            Id = Passage.MakeId(storyId, ordinal),
            StoryId = storyId,
            Ordinal = ordinal,
            Start = reader.GetInt32(first + 2),
            Length = reader.GetInt32(first + 3),
            Text = reader.GetString(first + 4),
            StoryTitle = "",
        };
    }

    private async Task<List<(Passage Passage, double Score)>> FindWithFtsAsync(SqliteConnection connection, IReadOnlyList<string> terms, LexicalQuery query, CancellationToken cancellationToken)
    {
        var found = new List<(Passage Passage, double Score)>();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT s.id, p.ordinal, p.start, p.length, p.text, f.rank
            FROM passage_fts f
            JOIN passages p ON p.id = f.rowid
            JOIN stories s ON s.version_id = p.version_id
            WHERE f.passage_fts MATCH @match AND f.rank MATCH @rank_function
              AND {FilterSql.Condition}
            ORDER BY f.rank
            LIMIT @limit
            """;
        command.Parameters.AddWithValue("@match", FtsQueryBuilder.Build(terms));
        command.Parameters.AddWithValue("@rank_function", _rankFunction);
        command.Parameters.AddWithValue("@limit", query.Limit);
        FilterSql.Bind(command, query.Filter);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            found.Add((ReadPassage(reader, 0), -reader.GetDouble(5)));
        return found;
    }
}
