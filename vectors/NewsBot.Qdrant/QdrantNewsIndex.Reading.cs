using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using NewsBot.Domain;
using NewsBot.Index;
using NewsBot.Qdrant.Api;
using NewsBot.Qdrant.Points;
using NewsBot.Qdrant.Reading;
using NewsBot.Qdrant.Sparse;
using static NewsBot.Qdrant.Reading.PayloadFields;

namespace NewsBot.Qdrant;

// Searching and reading: keyword search (sparse BM25), the newest stories, whole stories, counts.
public sealed partial class QdrantNewsIndex
{
    private volatile TermCounts? _termCounts;

    public async Task<IReadOnlyList<PassageHit>> SearchLexicalAsync(LexicalQuery query, CancellationToken cancellationToken = default)
    {
        var terms = query.Terms.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.Ordinal).ToList();
        if (query.Limit <= 0 || terms.Count == 0) return [];
        var points = await _collection.QueryAsync(new QueryRequest
        {
            Query = QueryInput.Nearest(VectorValue.Of(Bm25SparseEncoder.EncodeQuery(terms))),
            Using = SparseVectorName,
            Filter = SearchFilters.Canonical(query.Filter),
            Limit = query.Limit,
            WithPayload = true,
        }, QdrantJson.Default.EnvelopeQueryResultPassagePayload, cancellationToken);
        return points.Where(p => p.Payload is not null).Select(p => Hit(p.Payload!, p.Score)).ToList();
    }

    public async Task<IReadOnlyList<Story>> GetLatestStoriesAsync(SearchFilter filter, int limit, CancellationToken cancellationToken = default)
    {
        if (limit <= 0) return [];
        var first = SearchFilters.Canonical(filter, Condition.Equals(Ordinal, 0L));
        var dated = await _collection.ScrollAsync(new ScrollRequest
        {
            Filter = first,
            Limit = limit,
            WithPayload = true,
            WithVector = false,
            OrderBy = new OrderBy { Key = Recency, Direction = "desc" },
        }, QdrantJson.Default.EnvelopeScrollResultPassagePayload, cancellationToken);
        var stories = dated.Points.Where(p => p.Payload is not null).Select(p => PassageMapper.Story(p.Payload!)).ToList();
        // Undated stories come last, and never within a date range (they have no date to be in it).
        if (stories.Count < limit && filter.From is null && filter.To is null)
        {
            var undated = SearchFilters.Canonical(filter, Condition.Equals(Ordinal, 0L), Condition.Empty(Recency));
            var rest = await _collection.ScrollAsync(new ScrollRequest { Filter = undated, Limit = limit - stories.Count, WithPayload = true, WithVector = false },
                QdrantJson.Default.EnvelopeScrollResultPassagePayload, cancellationToken);
            stories.AddRange(rest.Points.Where(p => p.Payload is not null).Select(p => PassageMapper.Story(p.Payload!)));
        }
        return stories;
    }

    public async Task<Story?> GetStoryAsync(string storyId, CancellationToken cancellationToken = default) =>
        (await ReadStoryAsync(storyId, cancellationToken)).Story;

    public async Task<IReadOnlyList<Passage>> GetPassagesAsync(string storyId, CancellationToken cancellationToken = default) =>
        (await ReadStoryAsync(storyId, cancellationToken)).Passages;

    /// <summary>
    /// The story's canonical points: its story fields and its passages in order. Remembered for the write generation
    /// (answering reads the same stories again and again), up to <see cref="StoryCacheCapacity"/> stories.
    /// </summary>
    private async Task<(Story? Story, IReadOnlyList<Passage> Passages)> ReadStoryAsync(string storyId, CancellationToken cancellationToken)
    {
        var generation = await GenerationAsync(cancellationToken);
        if (_stories.TryGetValue(storyId, out var known) && known.Generation == generation) return (known.Story, known.Passages);
        var found = await _collection.ScrollAsync(new ScrollRequest
        {
            Filter = SearchFilters.Canonical(SearchFilter.None, Condition.Equals(StoryId, storyId)),
            Limit = ScrollPage,
            WithPayload = true,
            WithVector = false,
        }, QdrantJson.Default.EnvelopeScrollResultPassagePayload, cancellationToken);
        var payloads = found.Points.Select(p => p.Payload).OfType<PassagePayload>().OrderBy(p => p.Ordinal).ToList();
        var read = new CachedStory(generation, payloads.Count == 0 ? null : PassageMapper.Story(payloads[0]), payloads.Select(PassageMapper.Passage).ToList());
        if (_stories.Count >= StoryCacheCapacity) _stories.Clear();
        _stories[storyId] = read;
        return (read.Story, read.Passages);
    }

    // Enough for every story of a corpus several times this one's (12,000 stories).
    private const int StoryCacheCapacity = 50_000;
    private readonly ConcurrentDictionary<string, CachedStory> _stories = new(StringComparer.Ordinal);

    private sealed record CachedStory(long Generation, Story? Story, IReadOnlyList<Passage> Passages);

    /// <summary>
    /// Counted exactly over the canonical passages' <c>terms</c>, as the embedded store counts its search entries;
    /// remembered per write generation.
    /// </summary>
    public async Task<TermStatistics> GetTermStatisticsAsync(IReadOnlyCollection<string> terms, CancellationToken cancellationToken = default)
    {
        var generation = await GenerationAsync(cancellationToken);
        var counts = _termCounts is { } known && known.Generation == generation ? known : null;
        if (counts is null)
        {
            var passages = await _collection.CountAsync(SearchFilters.Canonical(SearchFilter.None), cancellationToken);
            _termCounts = counts = new TermCounts(generation, passages);
        }
        var missing = terms.Distinct(StringComparer.Ordinal).Where(t => !counts.Frequencies.ContainsKey(t)).ToList();
        var found = await Task.WhenAll(missing.Select(async term =>
            (term, await _collection.CountAsync(SearchFilters.Canonical(SearchFilter.None, Condition.Equals(Terms, term)), cancellationToken))));
        foreach (var (term, count) in found) counts.Frequencies[term] = count;
        return new TermStatistics(counts.Passages, terms.Distinct(StringComparer.Ordinal).ToDictionary(t => t, t => counts.Frequencies[t], StringComparer.Ordinal));
    }

    private sealed record TermCounts(long Generation, long Passages)
    {
        public ConcurrentDictionary<string, long> Frequencies { get; } = new(StringComparer.Ordinal);
    }

    public async Task<IndexStats> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        var rows = new Dictionary<(string Publication, DocumentKind Kind, int? Year), (long Documents, long Stories)>();
        long documents = 0, stories = 0;
        await foreach (var point in _collection.ScrollAllAsync(new ScrollRequest
                       {
                           Filter = new Filter { Must = [Condition.Equals(PointType, PointTypes.Document)] },
                           WithPayload = Keys("publication", "kind", "date"),
                           WithVector = false,
                       }, QdrantJson.Default.EnvelopeScrollResultDocumentPayload, cancellationToken))
        {
            documents++;
            var key = (point.Payload?.Publication ?? "", ReadKind(point.Payload?.Kind), ReadDate(point.Payload?.Date)?.Year);
            rows[key] = (rows.GetValueOrDefault(key).Documents + 1, rows.GetValueOrDefault(key).Stories);
        }
        await foreach (var point in _collection.ScrollAllAsync(new ScrollRequest
                       {
                           Filter = SearchFilters.Canonical(SearchFilter.None, Condition.Equals(Ordinal, 0L)),
                           WithPayload = Keys("publication", "kind", "published"),
                           WithVector = false,
                       }, QdrantJson.Default.EnvelopeScrollResultPassagePayload, cancellationToken))
        {
            stories++;
            var key = (point.Payload?.Publication ?? "", ReadKind(point.Payload?.Kind), ReadDate(point.Payload?.Published)?.Year);
            rows[key] = (rows.GetValueOrDefault(key).Documents, rows.GetValueOrDefault(key).Stories + 1);
        }
        return new IndexStats
        {
            Documents = documents,
            Stories = stories,
            Passages = await _collection.CountAsync(SearchFilters.Canonical(SearchFilter.None), cancellationToken),
            Rows = rows
                .OrderBy(r => r.Key.Publication, StringComparer.Ordinal).ThenBy(r => r.Key.Kind).ThenBy(r => r.Key.Year ?? int.MaxValue)
                .Select(r => new StatsRow(r.Key.Publication, r.Key.Kind, r.Key.Year, r.Value.Documents, r.Value.Stories))
                .ToList(),
        };
    }

    private static PassageHit Hit(PassagePayload payload, double score) => new(PassageMapper.Passage(payload), PassageMapper.Story(payload), score);
}
