using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace NewsBot.Index.Sqlite.Reading;

/// <summary>
/// How many canonical passages hold each term, remembered until the index's generation changes. A vocabulary
/// lookup walks the term's whole posting list, which for a term like "ai" costs more than the search it informs.
/// </summary>
internal sealed class DocumentFrequencies
{
    private Snapshot _current = new(-1);

    /// <summary>The frequencies of <paramref name="terms"/> as of <paramref name="generation"/>, read in the caller's transaction.</summary>
    public async Task<Dictionary<string, long>> GetAsync(SqliteConnection connection, long generation, IEnumerable<string> terms, CancellationToken cancellationToken)
    {
        var snapshot = SnapshotFor(generation);
        var frequencies = new Dictionary<string, long>(StringComparer.Ordinal);
        SqliteCommand? lookup = null;
        try
        {
            foreach (var term in terms)
            {
                if (snapshot?.Frequencies.TryGetValue(term, out var known) == true)
                {
                    frequencies[term] = known;
                    continue;
                }
                if (lookup is null)
                {
                    lookup = connection.CreateCommand();
                    // A vocabulary "row" entry counts the passages holding the term in the title or the body.
                    lookup.CommandText = "SELECT doc FROM passage_terms WHERE term = @term";
                    lookup.Parameters.Add("@term", SqliteType.Text);
                }
                lookup.Parameters[0].Value = term;
                var frequency = await lookup.ExecuteScalarAsync(cancellationToken) as long? ?? 0;
                frequencies[term] = frequency;
                snapshot?.Frequencies.TryAdd(term, frequency);
            }
        }
        finally
        {
            if (lookup is not null) await lookup.DisposeAsync();
        }
        return frequencies;
    }

    /// <summary>The cache for <paramref name="generation"/>, or null for a reader whose view is older than the cache's.</summary>
    private Snapshot? SnapshotFor(long generation)
    {
        var current = Volatile.Read(ref _current);
        if (current.Generation < generation)
        {
            Interlocked.CompareExchange(ref _current, new Snapshot(generation), current);
            current = Volatile.Read(ref _current);
        }
        return current.Generation == generation ? current : null;
    }

    private sealed class Snapshot(long generation)
    {
        public long Generation { get; } = generation;
        public ConcurrentDictionary<string, long> Frequencies { get; } = new(StringComparer.Ordinal);
    }
}
