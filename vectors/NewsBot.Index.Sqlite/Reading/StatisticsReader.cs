using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using NewsBot.Domain;

namespace NewsBot.Index.Sqlite.Reading;

/// <summary>Counts: the IDF inputs of keyword search, and what the index holds per publication, kind and year.</summary>
internal static class StatisticsReader
{
    private const string DocumentsByYear =
        "SELECT publication, kind, CAST(substr(date, 1, 4) AS INTEGER), count(*) FROM documents GROUP BY 1, 2, 3";

    private const string StoriesByYear =
        "SELECT publication, kind, CAST(substr(date, 1, 4) AS INTEGER), count(*) FROM stories GROUP BY 1, 2, 3";

    public static async Task<TermStatistics> TermStatisticsAsync(SqliteConnection connection, DocumentFrequencies frequencies,
        IReadOnlyCollection<string> terms, CancellationToken cancellationToken)
    {
        var state = await IndexState.ReadAsync(connection, cancellationToken);
        var df = await frequencies.GetAsync(connection, state.Generation, terms.Distinct(StringComparer.Ordinal), cancellationToken);
        return new TermStatistics(state.Passages, df);
    }

    public static async Task<IndexStats> StatsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        long documents, stories;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM stories)";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            (documents, stories) = (reader.GetInt64(0), reader.GetInt64(1));
        }
        var passages = (await IndexState.ReadAsync(connection, cancellationToken)).Passages;

        var rows = new Dictionary<(string Publication, DocumentKind Kind, int? Year), (long Documents, long Stories)>();
        await foreach (var (key, count) in CountByYearAsync(connection, DocumentsByYear, cancellationToken))
            rows[key] = (count, 0);
        await foreach (var (key, count) in CountByYearAsync(connection, StoriesByYear, cancellationToken))
            rows[key] = (rows.GetValueOrDefault(key).Documents, count);

        return new IndexStats
        {
            Documents = documents,
            Stories = stories,
            Passages = passages,
            Rows = rows
                .OrderBy(r => r.Key.Publication, StringComparer.Ordinal).ThenBy(r => r.Key.Kind).ThenBy(r => r.Key.Year ?? int.MaxValue)
                .Select(r => new StatsRow(r.Key.Publication, r.Key.Kind, r.Key.Year, r.Value.Documents, r.Value.Stories))
                .ToList(),
        };
    }

    private static async IAsyncEnumerable<((string, DocumentKind, int?) Key, long Count)> CountByYearAsync(
        SqliteConnection connection, string sql, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            yield return ((reader.GetString(0), DbValues.ReadKind(reader, 1), DbValues.ReadInt(reader, 2)), reader.GetInt64(3));
    }
}
