using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using NewsBot.Qdrant.Points;

namespace NewsBot.Qdrant.Api;

/// <summary>Source-generated JSON for every body NewsBot sends to Qdrant and every answer it reads.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CreateCollection))]
[JsonSerializable(typeof(VectorParams))]
[JsonSerializable(typeof(CreateFieldIndex))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(UpdateOperations))]
[JsonSerializable(typeof(QueryRequest))]
[JsonSerializable(typeof(QueryBatchRequest))]
[JsonSerializable(typeof(ScrollRequest))]
[JsonSerializable(typeof(CountRequest))]
[JsonSerializable(typeof(RetrieveRequest))]
[JsonSerializable(typeof(PassagePayload))]
[JsonSerializable(typeof(List<SourcePayload>))]
[JsonSerializable(typeof(DocumentPayload))]
[JsonSerializable(typeof(StatePayload))]
[JsonSerializable(typeof(FeedbackPayload))]
[JsonSerializable(typeof(Envelope<ScrollResult<FeedbackPayload>>))]
[JsonSerializable(typeof(Envelope<CollectionInfo>))]
[JsonSerializable(typeof(Envelope<CollectionExistence>))]
[JsonSerializable(typeof(Envelope<CountResult>))]
[JsonSerializable(typeof(Envelope<JsonNode>))]
[JsonSerializable(typeof(Envelope<QueryResult<PassagePayload>>))]
[JsonSerializable(typeof(Envelope<List<QueryResult<PassagePayload>>>))]
[JsonSerializable(typeof(Envelope<GroupsResult<PassagePayload>>))]
[JsonSerializable(typeof(Envelope<ScrollResult<PassagePayload>>))]
[JsonSerializable(typeof(Envelope<ScrollResult<DocumentPayload>>))]
[JsonSerializable(typeof(Envelope<List<PointRecord<DocumentPayload>>>))]
[JsonSerializable(typeof(Envelope<List<PointRecord<StatePayload>>>))]
internal sealed partial class QdrantJson : JsonSerializerContext;
