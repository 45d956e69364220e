using NewsBot.Domain;
using NewsBot.Index.Embeddings;

namespace NewsBot.Index.Dense;

/// <summary>Which story an embedded row belongs to, with what the search filter needs to know of it.</summary>
public sealed record DenseStory(string Id, DateOnly? Date, string Publication, DocumentKind Kind);

/// <summary>What one row of the dense index is: a text of a passage of a story.</summary>
public readonly record struct DenseRow(int Story, int PassageOrdinal, EmbeddedTextKind Kind);

/// <summary>A passage found by dense search: its id, its story, which of its texts matched best, and the cosine similarity.</summary>
public sealed record DenseHit(string PassageId, string StoryId, int PassageOrdinal, EmbeddedTextKind Kind, float Score);

public enum DensePrecision
{
    /// <summary>Every row scored in float32: exact.</summary>
    Exact,
    /// <summary>Rows scanned in int8, the best <c>k × oversample</c> re-scored in float32: approximate, reads a quarter of the memory.</summary>
    Int8,
}

/// <summary>How a dense search runs.</summary>
public sealed record DenseSearchOptions
{
    public static readonly DenseSearchOptions Default = new();

    public SearchFilter Filter { get; init; } = SearchFilter.None;
    /// <summary>Which kinds of embedded text may match; null: all.</summary>
    public IReadOnlyCollection<EmbeddedTextKind>? TextKinds { get; init; }
    /// <summary>One hit per story (its best row) instead of one per row.</summary>
    public bool GroupByStory { get; init; }
    public DensePrecision Precision { get; init; } = DensePrecision.Exact;
    /// <summary>With <see cref="DensePrecision.Int8"/>: how many candidates per wanted hit are re-scored exactly.</summary>
    public int Oversample { get; init; } = 4;
}

/// <summary>
/// The embedded texts of every canonical passage, in memory: a <see cref="VectorMatrix"/> and, per row, its story,
/// passage and kind. Built by <see cref="IPassageVectorStore.LoadDenseIndexAsync"/>; immutable, so safe to search
/// from many threads. A new generation of the store means a new instance.
/// </summary>
public sealed class DenseIndex
{
    private readonly DenseRow[] _rows;
    private readonly DenseStory[] _stories;
    private readonly Lazy<Int8Matrix> _int8;

    public DenseIndex(EmbeddingModelInfo model, long generation, VectorMatrix matrix, DenseRow[] rows, DenseStory[] stories)
    {
        if (matrix.Dimensions != model.Dimensions)
            throw new ArgumentException($"The matrix has {matrix.Dimensions} dimensions; the model {model} has {model.Dimensions}.", nameof(matrix));
        if (rows.Length != matrix.Rows)
            throw new ArgumentException($"{rows.Length} row descriptions for {matrix.Rows} rows.", nameof(rows));
        Model = model;
        Generation = generation;
        Matrix = matrix;
        _rows = rows;
        _stories = stories;
        _int8 = new Lazy<Int8Matrix>(() => new Int8Matrix(matrix));
        _rowsByStory = new Lazy<Dictionary<string, int[]>>(() => Enumerable.Range(0, rows.Length)
            .GroupBy(i => stories[rows[i].Story].Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal));
    }

    private readonly Lazy<Dictionary<string, int[]>> _rowsByStory;

    /// <summary>
    /// The best-scoring row of each of <paramref name="storyIds"/> (exact scores), for re-scoring candidates another
    /// search found. Stories without vectors are left out.
    /// </summary>
    public IReadOnlyDictionary<string, DenseHit> BestPerStory(ReadOnlySpan<float> query, IEnumerable<string> storyIds)
    {
        var normalized = Matrix.NormalizedCopy(query);
        var best = new Dictionary<string, DenseHit>(StringComparer.Ordinal);
        foreach (var storyId in storyIds)
        {
            if (best.ContainsKey(storyId) || !_rowsByStory.Value.TryGetValue(storyId, out var storyRows)) continue;
            var top = storyRows[0];
            var topScore = float.NegativeInfinity;
            foreach (var row in storyRows)
            {
                var score = Matrix.Score(normalized, row);
                if (score > topScore) (top, topScore) = (row, score);
            }
            var described = _rows[top];
            best[storyId] = new DenseHit(Passage.MakeId(storyId, described.PassageOrdinal), storyId, described.PassageOrdinal, described.Kind, topScore);
        }
        return best;
    }

    public EmbeddingModelInfo Model { get; }
    /// <summary>The store's write generation this was loaded at.</summary>
    public long Generation { get; }
    public VectorMatrix Matrix { get; }
    public int Count => _rows.Length;
    public IReadOnlyList<DenseRow> Rows => _rows;
    public IReadOnlyList<DenseStory> Stories => _stories;

    /// <summary>
    /// The passages whose texts are closest to <paramref name="query"/> (an embedding by <see cref="Model"/>), best
    /// first: one hit per matching row, or per story when grouped. Filters apply before ranking, so
    /// <paramref name="limit"/> counts only hits that pass.
    /// </summary>
    public IReadOnlyList<DenseHit> Search(ReadOnlySpan<float> query, int limit, DenseSearchOptions? options = null)
    {
        options ??= DenseSearchOptions.Default;
        if (limit <= 0 || Count == 0) return [];
        var mask = MaskFor(options);

        if (!options.GroupByStory) return Hits(Rank(query, limit, mask, options));
        return SearchStories(query, limit, mask, options);
    }

    // One scan scores every row; each story keeps its best row. With int8 the scan is approximate, so the
    // limit × oversample best stories are then scored exactly, all their rows, and ranked again.
    private List<DenseHit> SearchStories(ReadOnlySpan<float> query, int limit, RowMask? mask, DenseSearchOptions options)
    {
        var normalized = Matrix.NormalizedCopy(query);
        var scores = System.Buffers.ArrayPool<float>.Shared.Rent(Count);
        try
        {
            var int8 = options.Precision == DensePrecision.Int8;
            if (int8) _int8.Value.ScoreAll(normalized, scores);
            else Matrix.ScoreAll(normalized, scores);

            var bestRow = new int[_stories.Length];
            Array.Fill(bestRow, -1);
            for (var row = 0; row < Count; row++)
            {
                if (mask is not null && !mask[row]) continue;
                var story = _rows[row].Story;
                if (bestRow[story] < 0 || scores[row] > scores[bestRow[story]]) bestRow[story] = row;
            }
            var stories = new TopK(int8 ? checked(limit * Math.Max(1, options.Oversample)) : limit);
            for (var story = 0; story < bestRow.Length; story++)
                if (bestRow[story] >= 0) stories.Offer(bestRow[story], scores[bestRow[story]]);
            var ranked = stories.ToSortedArray();
            if (!int8) return Hits(ranked);

            var exact = new TopK(limit);
            foreach (var candidate in ranked)
            {
                var storyRows = _rowsByStory.Value[_stories[_rows[candidate.Row].Story].Id];
                var (top, topScore) = (candidate.Row, float.NegativeInfinity);
                foreach (var row in storyRows)
                {
                    if (mask is not null && !mask[row]) continue;
                    var score = Matrix.Score(normalized, row);
                    if (score > topScore) (top, topScore) = (row, score);
                }
                exact.Offer(top, topScore);
            }
            return Hits(exact.ToSortedArray());
        }
        finally
        {
            System.Buffers.ArrayPool<float>.Shared.Return(scores);
        }
    }

    private ScoredRow[] Rank(ReadOnlySpan<float> query, int k, RowMask? mask, DenseSearchOptions options) =>
        options.Precision == DensePrecision.Int8
            ? _int8.Value.Search(query, k, options.Oversample, mask)
            : Matrix.Search(query, k, mask);

    private List<DenseHit> Hits(IEnumerable<ScoredRow> ranked) => ranked.Select(hit =>
    {
        var row = _rows[hit.Row];
        var storyId = _stories[row.Story].Id;
        return new DenseHit(Passage.MakeId(storyId, row.PassageOrdinal), storyId, row.PassageOrdinal, row.Kind, hit.Score);
    }).ToList();

    /// <summary>Null when nothing is filtered out, so an unfiltered search skips the bit tests.</summary>
    private RowMask? MaskFor(DenseSearchOptions options)
    {
        var kinds = options.TextKinds is { Count: > 0 } k ? k : null;
        if (options.Filter.IsEmpty && kinds is null) return null;
        var storyPasses = _stories.Select(s => Passes(s, options.Filter)).ToArray();
        return RowMask.Where(_rows.Length, i => storyPasses[_rows[i].Story] && (kinds is null || kinds.Contains(_rows[i].Kind)));
    }

    /// <summary>The same rules as the SQL filter: a story without a date fails any date bound; publications ignore case.</summary>
    private static bool Passes(DenseStory story, SearchFilter filter)
    {
        if (filter.From is { } from && !(story.Date >= from)) return false;
        if (filter.To is { } to && !(story.Date <= to)) return false;
        if (filter.Publications is { Count: > 0 } publications &&
            !publications.Any(p => string.Equals(p, story.Publication, StringComparison.OrdinalIgnoreCase))) return false;
        if (filter.Kinds is { Count: > 0 } kinds && !kinds.Contains(story.Kind)) return false;
        return true;
    }
}
