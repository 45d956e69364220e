using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using NewsBot.Qdrant.Api;

namespace NewsBot.Qdrant.Http;

/// <summary>The REST endpoints of one collection, typed: what the store calls, and nothing it does not.</summary>
internal sealed class CollectionEndpoints(QdrantHttp http, string collection)
{
    private readonly string _path = "collections/" + Uri.EscapeDataString(collection);
    private static QdrantJson Json => QdrantJson.Default;

    public string Name => collection;

    /// <summary>The collection's description, or null when it does not exist.</summary>
    public async Task<CollectionInfo?> GetAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await http.GetAsync(_path, Json.EnvelopeCollectionInfo, cancellationToken);
        }
        catch (QdrantException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Task CreateAsync(CreateCollection request, CancellationToken cancellationToken) =>
        http.SendAsync(HttpMethod.Put, _path, request, Json.CreateCollection, Json.EnvelopeJsonNode, cancellationToken);

    /// <summary>Creates a payload index; Qdrant answers an index that already exists with success.</summary>
    public Task CreateIndexAsync(string field, string schema, CancellationToken cancellationToken) =>
        http.SendAsync(HttpMethod.Put, _path + "/index?wait=true", new CreateFieldIndex { FieldName = field, FieldSchema = schema },
            Json.CreateFieldIndex, Json.EnvelopeJsonNode, cancellationToken);

    /// <summary>Merges <paramref name="metadata"/> into the collection's metadata.</summary>
    public Task UpdateMetadataAsync(JsonObject metadata, CancellationToken cancellationToken) =>
        http.SendAsync(HttpMethod.Patch, _path, new JsonObject { ["metadata"] = metadata }, Json.JsonObject, Json.EnvelopeJsonNode, cancellationToken);

    /// <summary>Applies the operations in order, and returns once they are applied (<c>wait=true</c>).</summary>
    public Task ApplyAsync(UpdateOperations operations, CancellationToken cancellationToken) =>
        operations.Operations.Count == 0 ? Task.CompletedTask
            : http.SendAsync(HttpMethod.Post, _path + "/points/batch?wait=true", operations, Json.UpdateOperations, Json.EnvelopeJsonNode, cancellationToken);

    public async Task<List<PointRecord<T>>> RetrieveAsync<T>(RetrieveRequest request, JsonTypeInfo<Envelope<List<PointRecord<T>>>> result, CancellationToken cancellationToken) =>
        await http.SendAsync(HttpMethod.Post, _path + "/points", request, Json.RetrieveRequest, result, cancellationToken) ?? [];

    public async Task<ScrollResult<T>> ScrollAsync<T>(ScrollRequest request, JsonTypeInfo<Envelope<ScrollResult<T>>> result, CancellationToken cancellationToken) =>
        await http.SendAsync(HttpMethod.Post, _path + "/points/scroll", request, Json.ScrollRequest, result, cancellationToken) ?? new ScrollResult<T>();

    /// <summary>Every point the request's filter selects, page by page (the request's limit is the page size).</summary>
    public async IAsyncEnumerable<PointRecord<T>> ScrollAllAsync<T>(ScrollRequest request, JsonTypeInfo<Envelope<ScrollResult<T>>> result,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var page = new ScrollRequest { Filter = request.Filter, Limit = request.Limit ?? 1000, WithPayload = request.WithPayload, WithVector = request.WithVector };
        while (true)
        {
            var found = await ScrollAsync(page, result, cancellationToken);
            foreach (var point in found.Points) yield return point;
            if (found.NextPageOffset is not { ValueKind: JsonValueKind.String or JsonValueKind.Number } next) yield break;
            page.Offset = next.ValueKind == JsonValueKind.String ? next.GetString() : next.GetRawText();
        }
    }

    public async Task<long> CountAsync(Filter filter, CancellationToken cancellationToken) =>
        (await http.SendAsync(HttpMethod.Post, _path + "/points/count", new CountRequest { Filter = filter, Exact = true }, Json.CountRequest, Json.EnvelopeCountResult, cancellationToken))?.Count ?? 0;

    public async Task<List<ScoredPoint<T>>> QueryAsync<T>(QueryRequest request, JsonTypeInfo<Envelope<QueryResult<T>>> result, CancellationToken cancellationToken) =>
        (await http.SendAsync(HttpMethod.Post, _path + "/points/query", request, Json.QueryRequest, result, cancellationToken))?.Points ?? [];

    public async Task<List<PointGroup<T>>> QueryGroupsAsync<T>(QueryRequest request, JsonTypeInfo<Envelope<GroupsResult<T>>> result, CancellationToken cancellationToken) =>
        (await http.SendAsync(HttpMethod.Post, _path + "/points/query/groups", request, Json.QueryRequest, result, cancellationToken))?.Groups ?? [];
}
