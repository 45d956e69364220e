using System.Text.Json;
using NewsBot.Domain;
using NewsBot.Index;
using NewsBot.Index.Embeddings;
using NewsBot.Qdrant.Api;
using NewsBot.Qdrant.Points;
using NewsBot.Qdrant.Sparse;
using NewsBot.Qdrant.Writing;

namespace NewsBot.Qdrant.Tests.Store;

/// <summary>The write plan on its own: which points a document gets, and how other versions of its stories are brought in line.</summary>
public sealed class DocumentChangeTests
{
    private readonly DocumentChange _change = new(new Bm25SparseEncoder(), batchSize: 2);

    [Fact]
    public void A_new_document_upserts_its_passages_canonical_with_both_vectors_and_deletes_nothing()
    {
        var plan = _change.Plan(Document("a.md", new DateOnly(2025, 3, 1)), 1, [Story("s1", "Short text.", 2), Story("s2", "Other.", 1)], [], []);

        Assert.DoesNotContain(plan, o => o.Delete is not null);
        var points = plan.Where(o => o.Upsert is not null).SelectMany(o => o.Upsert!.Points).ToList();
        Assert.Equal(3, points.Count);
        Assert.All(plan.Where(o => o.Upsert is not null), o => Assert.True(o.Upsert!.Points.Count <= 2, "batches of the batch size"));
        var first = Payload(points[0]);
        Assert.True(first.Canonical);
        Assert.Equal("2025-03-01T00:00:00Z", first.Published);
        Assert.Equal(PointIds.Passage("s1:0", "a.md"), points[0].Id);
        Assert.Equal(2, points[0].Vector["dense"].Rows!.Count);
        Assert.NotNull(points[0].Vector["bm25"].Sparse);
        Assert.Equal(["h-s1-0-0", "h-s1-0-1"], first.TextHashes!);
        Assert.Equal("last week in ai", first.PublicationKey);
    }

    [Fact]
    public void A_changed_document_first_deletes_its_points_that_are_not_rewritten()
    {
        var plan = _change.Plan(Document("a.md"), 1, [Story("s1", "Text.", 1)], previousStoryIds: ["s1", "gone"], []);

        var delete = plan[0].Delete!;
        Assert.Equal("document_id", delete.Filter!.Must![0].Key);
        Assert.Equal([PointIds.Passage("s1:0", "a.md")], delete.Filter.MustNot![0].HasId!);
    }

    [Fact]
    public void A_longer_telling_takes_canonical_from_another_document_which_loses_its_keyword_vector()
    {
        var other = Existing("s1", "b.md", textLength: 5, canonical: true, published: "2025-01-01T00:00:00Z", documentDate: "2025-01-01");
        var plan = _change.Plan(Document("a.md", new DateOnly(2025, 3, 1)), 2, [Story("s1", "A much longer text.", 1)], [], [other]);

        var mine = Payload(plan.Single(o => o.Upsert is not null).Upsert!.Points[0]);
        Assert.True(mine.Canonical);
        Assert.Equal("2025-01-01T00:00:00Z", mine.Published);  // the earliest date any version gives
        Assert.Equal(["b.md", "a.md"], mine.Sources!.Select(s => s.Path));  // by date
        var demote = plan.Single(o => o.SetPayload is not null).SetPayload!;
        Assert.False(demote.Payload["canonical"]!.GetValue<bool>());
        Assert.Equal(["bm25"], plan.Single(o => o.DeleteVectors is not null).DeleteVectors!.Vector);
    }

    [Fact]
    public void A_shorter_telling_leaves_the_other_canonical_and_writes_itself_without_a_keyword_vector()
    {
        var other = Existing("s1", "b.md", textLength: 500, canonical: true, published: "2025-01-01T00:00:00Z", documentDate: "2025-01-01");
        var plan = _change.Plan(Document("a.md", new DateOnly(2025, 3, 1)), 2, [Story("s1", "Short.", 1)], [], [other]);

        var mine = plan.Single(o => o.Upsert is not null).Upsert!.Points[0];
        Assert.False(Payload(mine).Canonical);
        Assert.False(mine.Vector.ContainsKey("bm25"));
        Assert.True(mine.Vector.ContainsKey("dense"));
        // The other version only gains this document as a source.
        var update = plan.Single(o => o.SetPayload is not null).SetPayload!;
        Assert.True(update.Payload["canonical"]!.GetValue<bool>());
        Assert.Equal(2, update.Payload["sources"]!.AsArray().Count);
        Assert.DoesNotContain(plan, o => o.DeleteVectors is not null || o.UpdateVectors is not null);
    }

    [Fact]
    public void Removing_the_canonical_telling_promotes_the_other_with_its_keyword_vector()
    {
        var other = Existing("s1", "b.md", textLength: 5, canonical: false, published: "2025-01-01T00:00:00Z", documentDate: "2025-01-01");
        var plan = _change.Plan(Document("a.md"), 2, [], previousStoryIds: ["s1"], [other]);

        Assert.True(plan.Single(o => o.SetPayload is not null).SetPayload!.Payload["canonical"]!.GetValue<bool>());
        var promoted = plan.Single(o => o.UpdateVectors is not null).UpdateVectors!.Points.Single();
        Assert.Equal(other.Id, promoted.Id);
        Assert.NotEmpty(promoted.Vector["bm25"].Sparse!.Indices);
    }

    [Fact]
    public void Versions_already_in_line_are_not_rewritten()
    {
        var sources = new List<SourcePayload> { new() { Path = "b.md", Title = "Issue b.md", Publication = "Last Week in AI", Date = "2025-01-01" } };
        var other = Existing("s1", "b.md", textLength: 5, canonical: true, published: "2025-01-01T00:00:00Z", documentDate: "2025-01-01", sources: sources,
            recency: new DateOnly(2025, 1, 1).DayNumber * 100_000L + 99_999);
        var plan = _change.Plan(Document("a.md"), 2, [Story("unrelated", "Text.", 1)], [], [other]);

        Assert.DoesNotContain(plan, o => o.SetPayload is not null);
    }

    [Fact]
    public void Equal_tellings_go_to_the_document_ingested_first()
    {
        var versions = new[]
        {
            new StoryVersion("s", "d2", "b.md", 10, null, null, DocumentAdded: 2, "B", "P", 0),
            new StoryVersion("s", "d1", "c.md", 10, null, new DateOnly(2024, 5, 1), DocumentAdded: 1, "C", "P", 3),
        };
        var state = StoryState.Of(versions);
        Assert.Equal("d1", state.Canonical.DocumentId);
        Assert.Equal(new DateOnly(2024, 5, 1), state.Published);
        Assert.Equal(["c.md", "b.md"], state.Sources.Select(s => s.Path));  // undated last
        Assert.True(state.RecencyOf(versions[1]) > state.RecencyOf(versions[0] with { Position = 4 }));
    }

    private static DocumentRecord Document(string path, DateOnly? date = null) => new()
    {
        Path = path, ContentHash = "h", Title = "Issue " + path, Publication = "Last Week in AI", Kind = DocumentKind.Digest, Date = date,
    };

    private static StoryRecord Story(string id, string text, int passages) => new()
    {
        Id = id,
        Title = "Title of " + id,
        Text = text,
        Passages = Enumerable.Range(0, passages).Select(i => new PassageRecord(i, 0, text.Length, text)
        {
            Vectors = [new PassageVector(0, EmbeddedTextKind.Title, $"h-{id}-{i}-0", new float[] { 1, 0 }), new PassageVector(1, EmbeddedTextKind.Sentence, $"h-{id}-{i}-1", new float[] { 0, 1 })],
        }).ToList(),
    };

    private static PointRecord<PassagePayload> Existing(string story, string path, int textLength, bool canonical, string? published, string? documentDate,
        List<SourcePayload>? sources = null, long? recency = null) => new()
    {
        Id = PointIds.Passage(story + ":0", path),
        Payload = new PassagePayload
        {
            StoryId = story, DocumentId = PointIds.Document(path), DocumentPath = path, Ordinal = 0, Title = "Title", Text = "Its text about chips.",
            TextLength = textLength, DocumentDate = documentDate, DocumentAdded = 1, DocumentTitle = "Issue " + path, Publication = "Last Week in AI",
            Canonical = canonical, Published = published, Sources = sources, Recency = recency,
        },
    };

    private static PassagePayload Payload(PointStruct point) => point.Payload.Deserialize(QdrantJson.Default.PassagePayload)!;
}
