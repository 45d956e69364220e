using System.Text.Json;
using System.Text.Json.Nodes;
using NewsBot.Index;
using NewsBot.Index.Embeddings;
using NewsBot.Qdrant.Api;
using NewsBot.Qdrant.Points;
using NewsBot.Qdrant.Sparse;
using static NewsBot.Qdrant.Reading.PayloadFields;

namespace NewsBot.Qdrant.Writing;

/// <summary>
/// Plans the operations that make a document's stories its whole contribution, given what the collection holds:
/// the document's stale points deleted by filter, its passages upserted (with their vectors), and the other versions
/// of every story it touches brought in line (which version is canonical and searched, the story's date, its
/// sources). Pure: it reads nothing and writes nothing, so the plan can be checked without a server.
/// </summary>
internal sealed class DocumentChange(Bm25SparseEncoder encoder, int batchSize)
{
    /// <param name="stories">The document's stories, one per id (the longest telling).</param>
    /// <param name="previousStoryIds">Stories the document held before.</param>
    /// <param name="otherVersions">Every point of the affected stories that belongs to another document.</param>
    public List<UpdateOperation> Plan(DocumentRecord document, long added, IReadOnlyList<StoryRecord> stories, IReadOnlyCollection<string> previousStoryIds,
        IReadOnlyList<PointRecord<PassagePayload>> otherVersions)
    {
        var documentId = PointIds.Document(document.Path);
        var mine = stories.Select((story, position) => new StoryVersion(story.Id, documentId, document.Path, story.Text.Length, story.Date, document.Date,
            added, document.Title, document.Publication, position)).ToDictionary(v => v.StoryId, StringComparer.Ordinal);
        var others = otherVersions
            .Where(p => p.Payload?.StoryId is not null && p.Payload.DocumentId != documentId)
            .GroupBy(p => (p.Payload!.StoryId!, p.Payload.DocumentId!))
            .ToList();
        var versionsByStory = others.Select(g => StoryVersion.From(g.First().Payload!)).Concat(mine.Values)
            .GroupBy(v => v.StoryId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => StoryState.Of(g.ToList()), StringComparer.Ordinal);

        var operations = new List<UpdateOperation>();
        var points = new List<PointStruct>();
        for (var position = 0; position < stories.Count; position++)
        {
            var story = stories[position];
            var state = versionsByStory[story.Id];
            var version = mine[story.Id];
            foreach (var passage in story.Passages)
                points.Add(NewPoint(document, version, story, passage, state));
        }
        // Stale points first: a point id is the passage's and the document's, so what stays is overwritten in place.
        if (previousStoryIds.Count > 0)
            operations.Add(new UpdateOperation
            {
                Delete = new PointsSelector
                {
                    Filter = new Filter
                    {
                        Must = [Condition.Equals(DocumentId, documentId)],
                        MustNot = points.Count > 0 ? [Condition.Ids(points.Select(p => p.Id))] : null,
                    },
                },
            });
        operations.AddRange(points.Chunk(batchSize).Select(chunk => new UpdateOperation { Upsert = new PointsList { Points = chunk.ToList() } }));

        foreach (var group in others)
        {
            var (storyId, otherDocument) = group.Key;
            if (!versionsByStory.TryGetValue(storyId, out var state)) continue;
            operations.AddRange(AlignOtherVersion(storyId, otherDocument, group.ToList(), state));
        }
        return operations;
    }

    /// <summary>Another document's version of an affected story: its story-wide fields, and its keyword vectors when it gains or loses canonical.</summary>
    private IEnumerable<UpdateOperation> AlignOtherVersion(string storyId, string documentId, List<PointRecord<PassagePayload>> points, StoryState state)
    {
        var current = points[0].Payload!;
        var version = StoryVersion.From(current);
        var canonical = state.IsCanonical(version);
        var published = Timestamp(state.Published);
        var recency = state.RecencyOf(version);
        var sources = JsonSerializer.Serialize(state.Sources, SourcesJson);
        var sameSources = current.Sources is not null && JsonSerializer.Serialize(current.Sources, SourcesJson) == sources;
        if (current.Canonical == canonical && current.Published == published && current.Recency == recency && sameSources) yield break;

        var selector = new Filter { Must = [Condition.Equals(StoryId, storyId), Condition.Equals(DocumentId, documentId)] };
        var payload = new JsonObject
        {
            [Canonical] = canonical,
            ["sources"] = JsonSerializer.SerializeToNode(state.Sources, SourcesJson),
        };
        if (published is not null) payload[Published] = published;
        if (recency is not null) payload[Recency] = recency;
        yield return new UpdateOperation { SetPayload = new SetPayload { Payload = payload, Filter = selector } };
        if (published is null && current.Published is not null)
            yield return new UpdateOperation { DeletePayload = new DeletePayload { Keys = [Published, Recency], Filter = selector } };

        if (canonical && current.Canonical != true)
            yield return new UpdateOperation
            {
                UpdateVectors = new UpdateVectors
                {
                    Points = points.Select(p => new PointVectors
                    {
                        Id = p.Id,
                        Vector = { [SparseVectorName] = VectorValue.Of(encoder.Encode(p.Payload!.Title ?? "", p.Payload.Text ?? "").Vector) },
                    }).ToList(),
                },
            };
        else if (!canonical && current.Canonical == true)
            yield return new UpdateOperation { DeleteVectors = new DeleteVectors { Filter = selector, Vector = [SparseVectorName] } };
    }

    private PointStruct NewPoint(DocumentRecord document, StoryVersion version, StoryRecord story, PassageRecord passage, StoryState state)
    {
        var canonical = state.IsCanonical(version);
        var (sparse, terms) = encoder.Encode(story.Title, passage.Text);
        var rows = passage.Vectors.OrderBy(v => v.Item).ToList();
        var payload = new PassagePayload
        {
            Type = PointTypes.Passage,
            StoryId = story.Id,
            DocumentId = version.DocumentId,
            DocumentPath = document.Path,
            Ordinal = passage.Ordinal,
            Start = passage.Start,
            Length = passage.Length,
            Text = passage.Text,
            Title = story.Title,
            StoryText = story.Text,
            Url = story.Url,
            Section = story.Section,
            VersionDate = Date(story.Date),
            SourceNames = story.SourceNames.ToList(),
            Related = story.Related.Select(l => new LinkPayload { Title = l.Title, Url = l.Url }).ToList(),
            StartOffset = story.StartOffset,
            TextLength = story.Text.Length,
            Position = version.Position,
            DocumentTitle = document.Title,
            Publication = document.Publication,
            PublicationKey = document.Publication.ToLowerInvariant(),
            Kind = KindName(document.Kind),
            DocumentDate = Date(document.Date),
            DocumentAdded = version.DocumentAdded,
            Canonical = canonical,
            Published = Timestamp(state.Published),
            Recency = state.RecencyOf(version),
            Sources = state.Sources,
            Terms = terms,
            Embedded = rows.Count > 0 ? rows.Select(r => new EmbeddedTextPayload { Item = r.Item, Kind = (int)r.Kind, Hash = r.TextHash }).ToList() : null,
            TextHashes = rows.Count > 0 ? rows.Select(r => r.TextHash).ToList() : null,
        };
        var point = new PointStruct
        {
            Id = PointIds.Passage(Domain.Passage.MakeId(story.Id, passage.Ordinal), document.Path),
            Payload = JsonSerializer.SerializeToNode(payload, QdrantJson.Default.PassagePayload)!.AsObject(),
        };
        if (rows.Count > 0) point.Vector[DenseVectorName] = VectorValue.Multi(rows.Select(r => r.Vector).ToList());
        if (canonical) point.Vector[SparseVectorName] = VectorValue.Of(sparse);
        return point;
    }

    private static System.Text.Json.Serialization.Metadata.JsonTypeInfo<List<SourcePayload>> SourcesJson => QdrantJson.Default.ListSourcePayload;
}
