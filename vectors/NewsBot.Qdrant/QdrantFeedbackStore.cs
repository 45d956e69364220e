using System.Text.Json;
using System.Text.Json.Nodes;
using NewsBot.Index.Feedback;
using NewsBot.Qdrant.Api;
using NewsBot.Qdrant.Http;
using NewsBot.Qdrant.Points;
using static NewsBot.Qdrant.Reading.PayloadFields;

namespace NewsBot.Qdrant;

/// <summary>
/// Readers' feedback as points without vectors in the index's collection, so every NewsBot server of a deployment
/// records to, and reads back from, the same place. One point per answer: rating it again replaces the rating.
/// </summary>
internal sealed class QdrantFeedbackStore(CollectionEndpoints collection) : IFeedbackStore
{
    public Task SaveAsync(FeedbackEntry entry, CancellationToken cancellationToken = default) =>
        collection.ApplyAsync(new UpdateOperations
        {
            Operations =
            [
                new UpdateOperation
                {
                    Upsert = new PointsList
                    {
                        Points =
                        [
                            new PointStruct
                            {
                                Id = PointIds.Feedback(entry.AnswerId),
                                Payload = JsonSerializer.SerializeToNode(new FeedbackPayload
                                {
                                    Type = PointTypes.Feedback,
                                    AnswerId = entry.AnswerId,
                                    Rating = entry.Rating == FeedbackRating.Up ? "up" : "down",
                                    Comment = entry.Comment,
                                    Channel = entry.Channel,
                                    Question = entry.Question,
                                    AnswerText = entry.AnswerText,
                                    CreatedMs = entry.CreatedAt.ToUnixTimeMilliseconds(),
                                }, QdrantJson.Default.FeedbackPayload)!.AsObject(),
                            },
                        ],
                    },
                },
            ],
        }, cancellationToken);

    public async Task<FeedbackSummary> SummarizeAsync(int recent, CancellationToken cancellationToken = default)
    {
        var up = await collection.CountAsync(Of("up"), cancellationToken);
        var down = await collection.CountAsync(Of("down"), cancellationToken);
        var entries = new List<FeedbackEntry>();
        if (recent > 0)
        {
            var page = await collection.ScrollAsync(new ScrollRequest
            {
                Filter = new Filter { Must = [Condition.Equals(PointType, PointTypes.Feedback)] },
                Limit = recent,
                WithPayload = true,
                WithVector = false,
                OrderBy = new OrderBy { Key = CreatedMs, Direction = "desc" },
            }, QdrantJson.Default.EnvelopeScrollResultFeedbackPayload, cancellationToken);
            entries.AddRange(page.Points.Select(p => p.Payload).OfType<FeedbackPayload>().Select(p => new FeedbackEntry
            {
                AnswerId = p.AnswerId ?? "",
                Rating = p.Rating == "up" ? FeedbackRating.Up : FeedbackRating.Down,
                Comment = p.Comment,
                Channel = p.Channel ?? "",
                Question = p.Question,
                AnswerText = p.AnswerText,
                CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(p.CreatedMs ?? 0),
            }));
        }
        return new FeedbackSummary(up, down, entries);
    }

    private static Filter Of(string rating) => new() { Must = [Condition.Equals(PointType, PointTypes.Feedback), Condition.Equals("rating", rating)] };
}
