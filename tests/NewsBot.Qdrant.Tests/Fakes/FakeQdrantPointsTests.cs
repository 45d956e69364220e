namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>The fake's point writes and reads: ids, vectors and their errors, batches, scroll, count, filters, facets.</summary>
public sealed class FakeQdrantPointsTests : IAsyncLifetime
{
    private const string Uuid = "8A3B2E7C-1D4F-4B6A-9C0D-2E5F7A8B9C1D";
    private const string NormalisedUuid = "8a3b2e7c-1d4f-4b6a-9c0d-2e5f7a8b9c1d";

    private FakeQdrant _fake = null!;
    private FakeQdrantTestClient _client = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeQdrant.StartAsync();
        _client = new FakeQdrantTestClient(_fake);
        await _client.ResultAsync(HttpMethod.Put, "collections/news", """
            {"vectors": {"dense": {"size": 4, "distance": "Cosine"},
                         "late": {"size": 2, "distance": "Dot", "multivector_config": {"comparator": "max_sim"}}},
             "sparse_vectors": {"text": {}}}
            """);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _fake.DisposeAsync();
    }

    private Task<JsonNode> Upsert(string points) =>
        _client.ResultAsync(HttpMethod.Put, "collections/news/points?wait=true", $$"""{"points": {{points}}}""");

    private async Task<List<string>> ScrollIds(string body)
    {
        var result = await _client.ResultAsync(HttpMethod.Post, "collections/news/points/scroll", body);
        return result["points"]!.AsArray().Select(point => point!["id"]!.ToJsonString()).ToList();
    }

    private async Task<int> Count(string filter) =>
        (await _client.ResultAsync(HttpMethod.Post, "collections/news/points/count", $$"""{"filter": {{filter}}, "exact": true}"""))["count"]!.GetValue<int>();

    [Fact]
    public async Task An_upserted_point_comes_back_with_its_uuid_lowercased_and_its_cosine_vector_normalised()
    {
        var result = await Upsert($$"""[{"id": "{{Uuid}}", "vector": {"dense": [3, 0, 4, 0], "text": {"indices": [9, 2], "values": [0.5, 1.5]} }, "payload": {"title": "A", "n": 1} }]""");
        Assert.Equal("completed", result["status"]!.GetValue<string>());
        Assert.Equal(0, result["operation_id"]!.GetValue<int>());

        var retrieved = await _client.ResultAsync(HttpMethod.Post, "collections/news/points", $$"""{"ids": ["{{Uuid}}"], "with_vector": true}""");
        var point = retrieved[0]!;
        Assert.Equal(NormalisedUuid, point["id"]!.GetValue<string>());
        Assert.Equal("A", point["payload"]!["title"]!.GetValue<string>());
        Assert.Equal([0.6f, 0f, 0.8f, 0f], point["vector"]!["dense"]!.AsArray().Select(value => value!.GetValue<float>()).ToArray());
        Assert.Equal([2u, 9u], point["vector"]!["text"]!["indices"]!.AsArray().Select(value => value!.GetValue<uint>()).ToArray());
        Assert.Equal([1.5f, 0.5f], point["vector"]!["text"]!["values"]!.AsArray().Select(value => value!.GetValue<float>()).ToArray());

        var single = await _client.ResultAsync(HttpMethod.Get, $"collections/news/points/{Uuid}");
        Assert.Equal(NormalisedUuid, single["id"]!.GetValue<string>());
        Assert.NotNull(single["vector"]);
        Assert.Equal(1, _fake.PointCount("news"));
        Assert.Equal(1, _fake.Payload("news", Uuid)!["n"]!.GetValue<int>());
        Assert.Equal(0.8f, _fake.Vectors("news", NormalisedUuid)["dense"][2]!.GetValue<float>());

        var scrolled = await _client.ResultAsync(HttpMethod.Post, "collections/news/points/scroll", "{}");
        Assert.Null(scrolled["points"]![0]!["vector"]);
        Assert.Null(scrolled["next_page_offset"]);
    }

    [Fact]
    public async Task Vectors_that_do_not_fit_the_collection_are_refused_with_Qdrants_messages()
    {
        async Task<(int Status, string? Error)> Put(string point)
        {
            var response = await _client.PutAsync("collections/news/points?wait=true", $$"""{"points": [{{point}}]}""");
            return (response.Status, response.Error);
        }

        Assert.Equal((400, "Wrong input: Vector dimension error: expected dim: 4, got 3"), await Put("""{"id": 1, "vector": {"dense": [1, 2, 3]}}"""));
        Assert.Equal((400, "Wrong input: Vector dimension error: expected dim: 2, got 3"), await Put("""{"id": 1, "vector": {"late": [[1, 2, 3], [1, 2, 3]]}}"""));
        Assert.Equal((400, "Wrong input: Not existing vector name error: nope"), await Put("""{"id": 1, "vector": {"nope": [1, 2, 3, 4]}}"""));
        Assert.Equal((400, "Wrong input: Conversion between multi and regular vectors failed"), await Put("""{"id": 1, "vector": {"dense": [[1, 2, 3, 4]]}}"""));
        Assert.Equal((400, "Wrong input: Conversion between sparse and regular vectors failed"), await Put("""{"id": 1, "vector": {"text": [1, 2]}}"""));
        Assert.Equal(422, (await Put("""{"id": 1, "vector": {"text": {"indices": [1, 1], "values": [1, 2]}}}""")).Status);
        Assert.Equal(422, (await Put("""{"id": 1, "vector": {"text": {"indices": [1], "values": [1, 2]}}}""")).Status);
        var badId = await Put("""{"id": "not-a-uuid", "vector": {}}""");
        Assert.Equal(400, badId.Status);
        Assert.Equal("Format error in JSON body: value not-a-uuid is not a valid point ID, valid values are either an unsigned integer or a UUID", badId.Error);
        Assert.Equal(0, _fake.PointCount("news"));

        // Any vector may be omitted; a single dense vector for a multivector is one row.
        Assert.Equal(200, (await Put("""{"id": 1, "vector": {}}""")).Status);
        Assert.Equal(200, (await Put("""{"id": 2, "vector": {"late": [1, 0]}}""")).Status);
        Assert.Single(_fake.Vectors("news", "2")["late"].AsArray());

        var missing = await _client.GetAsync("collections/news/points/99");
        Assert.Equal(404, missing.Status);
        Assert.Equal("Not found: Point with id 99 does not exists!", missing.Error);
    }

    [Fact]
    public async Task Writes_report_completed_with_wait_and_acknowledged_without_and_honour_update_mode()
    {
        var queued = await _client.ResultAsync(HttpMethod.Put, "collections/news/points", """{"points": [{"id": 1, "vector": {}, "payload": {"v": 1}}]}""");
        Assert.Equal("acknowledged", queued["status"]!.GetValue<string>());
        Assert.Equal(1, _fake.PointCount("news"));

        await _client.ResultAsync(HttpMethod.Put, "collections/news/points?wait=true", """{"points": [{"id": 1, "vector": {}, "payload": {"v": 2}}, {"id": 2, "vector": {}, "payload": {"v": 2}}], "update_mode": "insert_only"}""");
        Assert.Equal(1, _fake.Payload("news", "1")!["v"]!.GetValue<int>());
        Assert.Equal(2, _fake.Payload("news", "2")!["v"]!.GetValue<int>());

        await _client.ResultAsync(HttpMethod.Put, "collections/news/points?wait=true", """{"points": [{"id": 1, "vector": {}, "payload": {"v": 3}}, {"id": 3, "vector": {}, "payload": {"v": 3}}], "update_mode": "update_only"}""");
        Assert.Equal(3, _fake.Payload("news", "1")!["v"]!.GetValue<int>());
        Assert.Null(_fake.Payload("news", "3"));

        await _client.ResultAsync(HttpMethod.Put, "collections/news/points?wait=true", """{"points": [{"id": 1, "vector": {}, "payload": {"v": 4}}, {"id": 2, "vector": {}, "payload": {"v": 4}}], "update_filter": {"must": [{"key": "v", "match": {"value": 2}}]}}""");
        Assert.Equal(3, _fake.Payload("news", "1")!["v"]!.GetValue<int>());
        Assert.Equal(4, _fake.Payload("news", "2")!["v"]!.GetValue<int>());
    }

    [Fact]
    public async Task Batch_operations_apply_in_order()
    {
        var results = await _client.ResultAsync(HttpMethod.Post, "collections/news/points/batch?wait=true", """
            {"operations": [
              {"upsert": {"points": [
                 {"id": 1, "vector": {"dense": [1, 0, 0, 0]}, "payload": {"tag": "old", "keep": 1}},
                 {"id": 2, "vector": {"dense": [0, 1, 0, 0]}, "payload": {"tag": "new", "keep": 2}},
                 {"id": 3, "vector": {"dense": [0, 0, 1, 0]}, "payload": {"tag": "new", "keep": 3}}]}},
              {"delete": {"filter": {"must": [{"key": "tag", "match": {"value": "old"}}]}}},
              {"set_payload": {"payload": {"tag": "seen", "extra": true}, "points": [2]}},
              {"delete_payload": {"keys": ["keep"], "points": [3]}},
              {"update_vectors": {"points": [{"id": 3, "vector": {"text": {"indices": [1], "values": [1]}}}]}}
            ]}
            """);

        Assert.Equal(5, results.AsArray().Count);
        Assert.Equal([0, 1, 2, 3, 4], results.AsArray().Select(result => result!["operation_id"]!.GetValue<int>()).ToArray());
        Assert.Equal(2, _fake.PointCount("news"));
        Assert.Null(_fake.Payload("news", "1"));
        var second = _fake.Payload("news", "2")!;
        Assert.Equal("seen", second["tag"]!.GetValue<string>());
        Assert.True(second["extra"]!.GetValue<bool>());
        Assert.Equal(2, second["keep"]!.GetValue<int>());
        Assert.False(_fake.Payload("news", "3")!.ContainsKey("keep"));
        Assert.Equal(["dense", "text"], _fake.Vectors("news", "3").Keys.Order().ToArray());

        var missing = await _client.PostAsync("collections/news/points/payload?wait=true", """{"payload": {"a": 1}, "points": [2, 7]}""");
        Assert.Equal(404, missing.Status);
        Assert.Equal("Not found: No point with id 7 found", missing.Error);
    }

    [Fact]
    public async Task Scroll_pages_in_Qdrants_id_order_integers_before_uuids()
    {
        await Upsert($$"""
            [{"id": 3, "vector": {} }, {"id": 1, "vector": {} }, {"id": "{{Uuid}}", "vector": {} },
             {"id": 2, "vector": {} }, {"id": 10, "vector": {} }]
            """);

        var first = await _client.ResultAsync(HttpMethod.Post, "collections/news/points/scroll", """{"limit": 2}""");
        Assert.Equal(["1", "2"], first["points"]!.AsArray().Select(point => point!["id"]!.ToJsonString()).ToArray());
        Assert.Equal(3, first["next_page_offset"]!.GetValue<int>());
        Assert.Equal(["3", "10"], await ScrollIds("""{"limit": 2, "offset": 3}"""));
        var last = await _client.ResultAsync(HttpMethod.Post, "collections/news/points/scroll", """{"limit": 2, "offset": 11}""");
        Assert.Equal(NormalisedUuid, last["points"]![0]!["id"]!.GetValue<string>());
        Assert.Null(last["next_page_offset"]);
    }

    [Fact]
    public async Task Scroll_by_a_datetime_index_orders_by_value_and_needs_a_range_index()
    {
        await Upsert("""
            [{"id": 1, "vector": {}, "payload": {"published": "2024-01-02T00:00:00Z", "source": "a"}},
             {"id": 2, "vector": {}, "payload": {"published": "2024-03-01T10:00:00+02:00", "source": "b"}},
             {"id": 3, "vector": {}, "payload": {"source": "c"}},
             {"id": 4, "vector": {}, "payload": {"published": ["2023-06-01T00:00:00Z", "2024-02-01T00:00:00Z"], "source": "d"}}]
            """);
        var missingIndex = await _client.PostAsync("collections/news/points/scroll", """{"order_by": "published"}""");
        Assert.Equal(400, missingIndex.Status);
        Assert.StartsWith("Wrong input: No range index for `order_by` key: `published`. Please create one to use `order_by`.", missingIndex.Error);
        await _client.ResultAsync(HttpMethod.Put, "collections/news/index?wait=true", """{"field_name": "published", "field_schema": "datetime"}""");
        await _client.ResultAsync(HttpMethod.Put, "collections/news/index?wait=true", """{"field_name": "source", "field_schema": "keyword"}""");

        var result = await _client.ResultAsync(HttpMethod.Post, "collections/news/points/scroll", """{"order_by": {"key": "published", "direction": "desc"}, "limit": 10}""");

        var points = result["points"]!.AsArray();
        Assert.Equal([2, 4, 1], points.Select(point => point!["id"]!.GetValue<int>()).ToArray());
        Assert.Equal(1706745600000000L, points[1]!["order_value"]!.GetValue<long>());
        Assert.Null(result["next_page_offset"]);
        var from = await _client.ResultAsync(HttpMethod.Post, "collections/news/points/scroll", """{"order_by": {"key": "published", "start_from": "2024-01-01T00:00:00Z"}}""");
        Assert.Equal([1, 4, 2], from["points"]!.AsArray().Select(point => point!["id"]!.GetValue<int>()).ToArray());
        var withOffset = await _client.PostAsync("collections/news/points/scroll", """{"order_by": "published", "offset": 1}""");
        Assert.StartsWith("Wrong input: Cannot use an `offset` when using `order_by`.", withOffset.Error);
        var keyword = await _client.PostAsync("collections/news/points/scroll", """{"order_by": "source"}""");
        Assert.Equal(400, keyword.Status);

        var schema = (await _client.ResultAsync(HttpMethod.Get, "collections/news"))["payload_schema"]!;
        Assert.Equal("datetime", schema["published"]!["data_type"]!.GetValue<string>());
        Assert.Equal(3, schema["published"]!["points"]!.GetValue<int>());
    }

    [Fact]
    public async Task Count_follows_Qdrants_filter_rules()
    {
        await Upsert("""
            [{"id": 1, "vector": {"dense": [1, 0, 0, 0]}, "payload": {"source": "bbc", "tags": ["world", "uk"], "published": "2024-01-10T00:00:00Z", "n": 5}},
             {"id": 2, "vector": {"text": {"indices": [1], "values": [1]}}, "payload": {"source": "cnn", "tags": [], "published": "2024-02-10T00:00:00Z", "n": 5.5, "meta": {"lang": "en"}}},
             {"id": 3, "vector": {}, "payload": {"source": "dpa", "tags": null, "published": "2023-12-31T23:59:59Z", "items": [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}]}}]
            """);

        Assert.Equal(2, await Count("""{"must": [{"key": "source", "match": {"any": ["bbc", "dpa", "x"]}}]}"""));
        Assert.Equal(1, await Count("""{"must": [{"key": "tags", "match": {"value": "uk"}}]}"""));
        Assert.Equal(2, await Count("""{"must": [{"key": "published", "range": {"gte": "2024-01-01T00:00:00Z"}}]}"""));
        Assert.Equal(1, await Count("""{"must": [{"key": "published", "range": {"gt": "2024-01-10T00:00:00+00:00", "lt": "2024-03-01"}}]}"""));
        Assert.Equal(2, await Count("""{"must_not": [{"key": "source", "match": {"value": "cnn"}}]}"""));
        Assert.Equal(1, await Count("""{"must": [{"has_vector": "dense"}]}"""));
        Assert.Equal(1, await Count("""{"must": [{"has_vector": "text"}]}"""));
        Assert.Equal(1, await Count("""{"must": [{"key": "n", "match": {"value": 5}}]}"""));
        Assert.Equal(2, await Count("""{"must": [{"key": "n", "range": {"gte": 5}}]}"""));
        Assert.Equal(2, await Count("""{"must": [{"is_empty": {"key": "tags"}}]}"""));
        Assert.Equal(1, await Count("""{"must": [{"is_null": {"key": "tags"}}]}"""));
        Assert.Equal(1, await Count("""{"must": [{"key": "meta.lang", "match": {"value": "en"}}]}"""));
        Assert.Equal(1, await Count("""{"must": [{"key": "items[].b", "match": {"value": "y"}}]}"""));
        Assert.Equal(0, await Count("""{"must": [{"nested": {"key": "items", "filter": {"must": [{"key": "a", "match": {"value": 1}}, {"key": "b", "match": {"value": "y"}}]}}}]}"""));
        Assert.Equal(1, await Count("""{"must": [{"nested": {"key": "items", "filter": {"must": [{"key": "a", "match": {"value": 2}}, {"key": "b", "match": {"value": "y"}}]}}}]}"""));
        Assert.Equal(2, await Count("""{"should": [{"has_id": [1, 3]}, {"key": "source", "match": {"value": "zzz"}}]}"""));
        Assert.Equal(0, await Count("""{"should": []}"""));
        Assert.Equal(1, await Count("""{"min_should": {"conditions": [{"key": "source", "match": {"value": "bbc"}}, {"key": "n", "match": {"value": 5}}, {"has_id": [2]}], "min_count": 2}}"""));
        Assert.Equal(1, await Count("""{"must": [{"key": "tags", "values_count": {"gte": 2}}]}"""));
        Assert.Equal(2, await Count("""{"must": [{"key": "source", "match": {"except": ["bbc"]}}]}"""));
        Assert.Equal(1, await Count("""{"must": [{"key": "source", "match": {"text": "nn"}}]}"""));

        var unknown = await _client.PostAsync("collections/news/points/count", """{"filter": {"mustt": []}}""");
        Assert.Equal(400, unknown.Status);
    }

    [Fact]
    public async Task Deleting_vectors_and_points_changes_what_has_vector_and_count_see()
    {
        await Upsert("""
            [{"id": 1, "vector": {"dense": [1, 0, 0, 0], "text": {"indices": [1], "values": [1]}}},
             {"id": 2, "vector": {"dense": [0, 1, 0, 0]}}]
            """);

        await _client.ResultAsync(HttpMethod.Post, "collections/news/points/vectors/delete?wait=true", """{"points": [1], "vector": ["dense"]}""");
        Assert.Equal(1, await Count("""{"must": [{"has_vector": "dense"}]}"""));
        Assert.Equal(["text"], _fake.Vectors("news", "1").Keys.ToArray());

        await _client.ResultAsync(HttpMethod.Post, "collections/news/points/delete?wait=true", """{"points": [2, 42]}""");
        Assert.Equal(1, _fake.PointCount("news"));
    }

    [Fact]
    public async Task Facet_counts_values_of_an_indexed_key()
    {
        await Upsert("""
            [{"id": 1, "vector": {}, "payload": {"source": "bbc", "tags": ["a", "b", "a"]}},
             {"id": 2, "vector": {}, "payload": {"source": "cnn", "tags": ["a"]}},
             {"id": 3, "vector": {}, "payload": {"source": "bbc"}}]
            """);
        var unindexed = await _client.PostAsync("collections/news/facet", """{"key": "tags"}""");
        Assert.StartsWith("Wrong input: No appropriate index for faceting: `tags`.", unindexed.Error);
        await _client.ResultAsync(HttpMethod.Put, "collections/news/index", """{"field_name": "tags", "field_schema": {"type": "keyword"}}""");

        var hits = (await _client.ResultAsync(HttpMethod.Post, "collections/news/facet", """{"key": "tags"}"""))["hits"]!.AsArray();

        Assert.Equal(["a:2", "b:1"], hits.Select(hit => $"{hit!["value"]!.GetValue<string>()}:{hit["count"]!.GetValue<int>()}").ToArray());
    }
}
