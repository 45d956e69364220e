using Microsoft.Data.Sqlite;
using NewsBot.Index.Lexical;

namespace NewsBot.Index.Sqlite.Writing;

/// <summary>
/// Keeps each story's <c>stories</c> row and search entries in step with its versions. A write first
/// <see cref="WithdrawAsync">withdraws</see> every story it touches, changes the versions, then
/// <see cref="PublishAsync">publishes</see> those stories again from whatever versions remain.
/// </summary>
/// <remarks>
/// The canonical version is the longest text (ties: the earliest-indexed document), as the fullest telling;
/// the story's date is the earliest any version or its document gives, when the story first appeared.
/// </remarks>
internal sealed class StoryCanonicalizer
{
    private readonly SqliteCommand _deleteStory;
    private readonly SqliteCommand _deleteSearchEntries;
    private readonly SqliteCommand _versionsOfStory;
    private readonly SqliteCommand _insertStory;
    private readonly SqliteCommand _passagesOfVersion;
    private readonly SqliteCommand _insertSearchEntry;
    private readonly SqliteCommand _recordWrite;
    private long _passageChange;

    public StoryCanonicalizer(CommandSet commands)
    {
        _deleteStory = commands.Add("DELETE FROM stories WHERE id = @story RETURNING version_id, passage_count", ("@story", SqliteType.Text));
        _deleteSearchEntries = commands.Add("DELETE FROM passage_fts WHERE rowid IN (SELECT id FROM passages WHERE version_id = @version)",
            ("@version", SqliteType.Integer));
        _versionsOfStory = commands.Add("""
            SELECT v.id, v.title, v.passage_count, d.publication, d.kind, coalesce(v.date, d.date)
            FROM story_versions v JOIN documents d ON d.id = v.document_id
            WHERE v.story_id = @story
            ORDER BY v.text_length DESC, v.document_id
            """, ("@story", SqliteType.Text));
        _insertStory = commands.Add("""
            INSERT INTO stories (id, version_id, date, publication, kind, passage_count)
            VALUES (@story, @version, @date, @publication, @kind, @passage_count)
            """,
            ("@story", SqliteType.Text), ("@version", SqliteType.Integer), ("@date", SqliteType.Text),
            ("@publication", SqliteType.Text), ("@kind", SqliteType.Text), ("@passage_count", SqliteType.Integer));
        _passagesOfVersion = commands.Add("SELECT id, text FROM passages WHERE version_id = @version", ("@version", SqliteType.Integer));
        _insertSearchEntry = commands.Add("INSERT INTO passage_fts (rowid, title, body) VALUES (@rowid, @title, @body)",
            ("@rowid", SqliteType.Integer), ("@title", SqliteType.Text), ("@body", SqliteType.Text));
        _recordWrite = commands.Add("UPDATE index_state SET generation = generation + 1, passages = passages + @change",
            ("@change", SqliteType.Integer));
    }

    /// <summary>Takes the stories out of search and deletes their rows, so no row points at a version about to go.</summary>
    public async Task WithdrawAsync(IEnumerable<string> storyIds, CancellationToken cancellationToken)
    {
        foreach (var storyId in storyIds)
        {
            _deleteStory.Parameters["@story"].Value = storyId;
            long versionId, passageCount;
            await using (var reader = await _deleteStory.ExecuteReaderAsync(cancellationToken))
            {
                if (!await reader.ReadAsync(cancellationToken)) continue;  // new to the index
                (versionId, passageCount) = (reader.GetInt64(0), reader.GetInt64(1));
            }
            _deleteSearchEntries.Parameters["@version"].Value = versionId;
            await _deleteSearchEntries.ExecuteNonQueryAsync(cancellationToken);
            _passageChange -= passageCount;
        }
    }

    /// <summary>Gives each story that still has a version its row and its canonical passages' search entries.</summary>
    public async Task PublishAsync(IEnumerable<string> storyIds, CancellationToken cancellationToken)
    {
        foreach (var storyId in storyIds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var canonical = await ChooseCanonicalAsync(storyId, cancellationToken);
            if (canonical is null) continue;  // its last document is gone, and so is the story

            var s = _insertStory.Parameters;
            s["@story"].Value = storyId;
            s["@version"].Value = canonical.VersionId;
            s["@date"].Value = DbValues.Nullable(canonical.Date);
            s["@publication"].Value = canonical.Publication;
            s["@kind"].Value = canonical.Kind;
            s["@passage_count"].Value = canonical.PassageCount;
            await _insertStory.ExecuteNonQueryAsync(cancellationToken);
            _passageChange += canonical.PassageCount;

            await AddSearchEntriesAsync(canonical, cancellationToken);
        }
    }

    /// <summary>Counts the write in <c>index_state</c>: a new generation, and the canonical passages gained or lost.</summary>
    public async Task RecordWriteAsync(CancellationToken cancellationToken)
    {
        _recordWrite.Parameters["@change"].Value = _passageChange;
        await _recordWrite.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<Canonical?> ChooseCanonicalAsync(string storyId, CancellationToken cancellationToken)
    {
        _versionsOfStory.Parameters["@story"].Value = storyId;
        await using var reader = await _versionsOfStory.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        var canonical = new Canonical(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4));
        var earliest = DbValues.ReadString(reader, 5);
        while (await reader.ReadAsync(cancellationToken))
            if (DbValues.ReadString(reader, 5) is { } date && (earliest is null || string.CompareOrdinal(date, earliest) < 0))
                earliest = date;  // ISO dates order as text
        return canonical with { Date = earliest };
    }

    private async Task AddSearchEntriesAsync(Canonical canonical, CancellationToken cancellationToken)
    {
        var passages = new List<(long Id, string Text)>();
        _passagesOfVersion.Parameters["@version"].Value = canonical.VersionId;
        await using (var reader = await _passagesOfVersion.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken))
                passages.Add((reader.GetInt64(0), reader.GetString(1)));

        var e = _insertSearchEntry.Parameters;
        e["@title"].Value = string.Join(' ', LexicalAnalyzer.Analyze(canonical.Title));
        foreach (var (id, text) in passages)
        {
            e["@rowid"].Value = id;
            e["@body"].Value = string.Join(' ', LexicalAnalyzer.Analyze(text));
            await _insertSearchEntry.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>A story's canonical version, and the earliest date among all its versions.</summary>
    private sealed record Canonical(long VersionId, string Title, long PassageCount, string Publication, string Kind)
    {
        public string? Date { get; init; }
    }
}
