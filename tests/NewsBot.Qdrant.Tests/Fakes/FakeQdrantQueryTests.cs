namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>The fake's universal query: dense, multivector and sparse scoring, prefetch and fusion, groups, batches.</summary>
public sealed class FakeQdrantQueryTests : IAsyncLifetime
{
    private FakeQdrant _fake = null!;
    private FakeQdrantTestClient _client = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeQdrant.StartAsync();
        _client = new FakeQdrantTestClient(_fake);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _fake.DisposeAsync();
    }

    private async Task Collection(string name, string config, string points)
    {
        await _client.ResultAsync(HttpMethod.Put, $"collections/{name}", config);
        await _client.ResultAsync(HttpMethod.Put, $"collections/{name}/points?wait=true", $$"""{"points": {{points}}}""");
    }

    private async Task<JsonArray> Query(string collection, string body) =>
        (await _client.ResultAsync(HttpMethod.Post, $"collections/{collection}/points/query", body))["points"]!.AsArray();

    private static int[] Ids(JsonArray points) => points.Select(point => point!["id"]!.GetValue<int>()).ToArray();

    private static float[] Scores(JsonArray points) => points.Select(point => point!["score"]!.GetValue<float>()).ToArray();

    /// <summary>Points 1, 2, 3, 5 whose one-dimensional Dot vector is their own id: a query of [1] ranks them by id descending, [-1] ascending.</summary>
    private Task RankedByIdCollection() => Collection(
        "ranked",
        """{"vectors": {"d": {"size": 1, "distance": "Dot"}}}""",
        """[{"id": 1, "vector": {"d": [1]}}, {"id": 2, "vector": {"d": [2]}}, {"id": 3, "vector": {"d": [3]}}, {"id": 5, "vector": {"d": [5]}}]""");

    private static string Ranking(string direction, string ids) =>
        $$"""{"query": [{{direction}}], "using": "d", "filter": {"must": [{"has_id": [{{ids}}]}]} }""";

    [Fact]
    public async Task A_dense_cosine_query_ranks_by_cosine_similarity()
    {
        float[][] vectors = [[1, 0, 0, 0], [1, 1, 0, 0], [0, 1, 0, 0], [-1, 0.5f, 0, 0], [3, 0.2f, 0, 1]];
        var points = string.Join(", ", vectors.Select((vector, i) => $$"""{"id": {{i + 1}}, "vector": {"dense": [{{string.Join(", ", vector)}}]}, "payload": {"i": {{i}} } }"""));
        await Collection("news", """{"vectors": {"dense": {"size": 4, "distance": "Cosine"}}}""", $"[{points}]");
        float[] query = [2, 0.5f, 0, 0.2f];

        var result = await Query("news", """{"query": [2, 0.5, 0, 0.2], "using": "dense", "limit": 3}""");

        var expected = vectors
            .Select((vector, i) => (Id: i + 1, Cosine: Cosine(query, vector)))
            .OrderByDescending(entry => entry.Cosine)
            .Take(3)
            .ToArray();
        Assert.Equal(expected.Select(entry => entry.Id).ToArray(), Ids(result));
        Assert.All(result.Zip(expected), pair => Assert.Equal(pair.Second.Cosine, pair.First!["score"]!.GetValue<double>(), 5));
        Assert.All(result, point => Assert.Null(point!["payload"]));
        Assert.All(result, point => Assert.Equal(1, point!["version"]!.GetValue<int>() + 1));

        var second = await Query("news", """{"query": {"nearest": [2, 0.5, 0, 0.2]}, "using": "dense", "limit": 1, "offset": 1, "with_payload": true}""");
        Assert.Equal(expected[1].Id, Ids(second).Single());
        Assert.Equal(expected[1].Id - 1, second[0]!["payload"]!["i"]!.GetValue<int>());

        var above = await Query("news", $$"""{"query": [2, 0.5, 0, 0.2], "using": "dense", "score_threshold": {{expected[1].Cosine}}}""");
        Assert.Equal([expected[0].Id], Ids(above));
    }

    private static double Cosine(float[] a, float[] b) =>
        a.Zip(b).Sum(pair => (double)pair.First * pair.Second)
        / Math.Sqrt(a.Sum(x => (double)x * x))
        / Math.Sqrt(b.Sum(x => (double)x * x));

    [Fact]
    public async Task A_euclid_query_returns_the_nearest_first_with_distances_as_scores()
    {
        await Collection(
            "places",
            """{"vectors": {"at": {"size": 2, "distance": "Euclid"}}}""",
            """[{"id": 1, "vector": {"at": [0, 0]}}, {"id": 2, "vector": {"at": [3, 4]}}, {"id": 3, "vector": {"at": [1, 1]}}]""");

        var result = await Query("places", """{"query": [0, 0], "using": "at"}""");

        Assert.Equal([1, 3, 2], Ids(result));
        Assert.Equal([0f, MathF.Sqrt(2), 5f], Scores(result));
        var near = await Query("places", """{"query": [0, 0], "using": "at", "score_threshold": 2}""");
        Assert.Equal([1, 3], Ids(near));
    }

    [Fact]
    public async Task A_max_sim_query_adds_each_query_rows_best_match()
    {
        await Collection(
            "late",
            """{"vectors": {"late": {"size": 2, "distance": "Dot", "multivector_config": {"comparator": "max_sim"}}}}""",
            """
            [{"id": 1, "vector": {"late": [[1, 0], [0, 1]]}},
             {"id": 2, "vector": {"late": [[0.5, 0.5]]}},
             {"id": 3, "vector": {"late": [[3, 0], [0, 0.5]]}},
             {"id": 4, "vector": {}}]
            """);

        var result = await Query("late", """{"query": [[1, 0], [0, 2]], "using": "late"}""");

        Assert.Equal([3, 1, 2], Ids(result));
        Assert.Equal([4f, 3f, 1.5f], Scores(result));
        var singleRow = await Query("late", """{"query": [1, 0], "using": "late"}""");
        Assert.Equal([3, 1, 2], Ids(singleRow));
        Assert.Equal([3f, 1f, 0.5f], Scores(singleRow));
    }

    [Fact]
    public async Task A_sparse_query_with_the_idf_modifier_scores_as_Qdrants_formula()
    {
        await Collection(
            "words",
            """{"vectors": {"dense": {"size": 2, "distance": "Dot"}}, "sparse_vectors": {"text": {"modifier": "idf"}, "raw": {}}}""",
            """
            [{"id": 1, "vector": {"text": {"indices": [1, 2], "values": [1.0, 2.0]}, "raw": {"indices": [1], "values": [2]}}},
             {"id": 2, "vector": {"text": {"indices": [3, 2], "values": [1.0, 1.0]}}},
             {"id": 3, "vector": {"text": {"indices": [3], "values": [3.0]}}},
             {"id": 4, "vector": {"dense": [1, 1]}}]
            """);

        var result = await Query("words", """{"query": {"indices": [1, 2], "values": [1.0, 1.0]}, "using": "text"}""");

        // N = 3 points hold "text"; df(1) = 1, df(2) = 2. Point 3 shares no index with the query and is not returned.
        static float Idf(float n, float df) => MathF.Log((n - df + 0.5f) / (df + 0.5f) + 1f);
        Assert.Equal([1, 2], Ids(result));
        Assert.Equal(1f * Idf(3, 1) * 1f + 1f * Idf(3, 2) * 2f, Scores(result)[0], 6);
        Assert.Equal(Idf(3, 2) * 1f, Scores(result)[1], 6);
        var raw = await Query("words", """{"query": {"nearest": {"indices": [1, 7], "values": [2, 5]}}, "using": "raw"}""");
        Assert.Equal([4f], Scores(raw));
    }

    [Fact]
    public async Task Rrf_over_prefetches_reproduces_Qdrants_own_unit_test_scores()
    {
        await RankedByIdCollection();

        var response = await _client.PostAsync("collections/ranked/points/query", $$"""
            {"prefetch": [{{Ranking("1", "1, 2")}}, {{Ranking("-1", "1, 2, 3")}}, {{Ranking("1", "1, 3, 5")}}],
             "query": {"fusion": "rrf"} }
            """);

        var points = response.Body!["result"]!["points"]!.AsArray();
        Assert.Equal([1, 2, 3, 5], Ids(points));
        Assert.Equal([1.0833334f, 0.8333334f, 0.5833334f, 0.5f], Scores(points));
        Assert.Contains("\"score\":1.0833334", response.Text);
        Assert.Contains("\"score\":0.5}", response.Text);
    }

    /// <summary>reciprocal_rank_fusion.rs <c>position_score</c>, in single precision.</summary>
    private static float Rrf(int position, float weight, int k = 2) => 1f / ((position + 1) / weight + k - 1f);

    [Fact]
    public async Task Weighted_rrf_favours_the_heavier_prefetch_and_a_weight_count_mismatch_is_refused()
    {
        await RankedByIdCollection();
        var prefetches = $"[{Ranking("-1", "1, 2")}, {Ranking("1", "1, 2")}]";

        var weighted = await Query("ranked", $$"""{"prefetch": {{prefetches}}, "query": {"rrf": {"weights": [3, 1]} } }""");
        Assert.Equal([2, 1], Ids(weighted));
        // Qdrant's test_rrf_scoring_weighted: the second point of the weight-3 list beats the first, 0.6 + 0.5 against 0.75 + 1/3.
        Assert.Equal([Rrf(1, 3) + Rrf(0, 1), Rrf(0, 3) + Rrf(1, 1)], Scores(weighted));
        var wideK = await Query("ranked", $$"""{"prefetch": {{prefetches}}, "query": {"rrf": {"k": 60} } }""");
        Assert.Equal([Rrf(0, 1, 60) + Rrf(1, 1, 60), Rrf(1, 1, 60) + Rrf(0, 1, 60)], Scores(wideK));

        var mismatch = await _client.PostAsync("collections/ranked/points/query", $$"""{"prefetch": {{prefetches}}, "query": {"rrf": {"weights": [1]} } }""");
        Assert.Equal(400, mismatch.Status);
        Assert.Equal("Wrong input: Validation failed: Number of weights in RRF should match number of pre-fetches: got 1, expected 2", mismatch.Error);
    }

    [Fact]
    public async Task The_query_filter_reaches_every_prefetch_and_thresholds_and_limits_apply()
    {
        await RankedByIdCollection();

        var filtered = await Query("ranked", $$"""
            {"prefetch": [{{Ranking("1", "1, 2")}}, {{Ranking("-1", "1, 2, 3")}}, {{Ranking("1", "1, 3, 5")}}],
             "query": {"fusion": "rrf"}, "filter": {"must_not": [{"has_id": [5, 2]}]} }
            """);
        Assert.Equal([1, 3], Ids(filtered));

        var thresholded = await Query("ranked", $$"""
            {"prefetch": [{{Ranking("1", "1, 2")}}, {{Ranking("-1", "1, 2, 3")}}, {{Ranking("1", "1, 3, 5")}}],
             "query": {"fusion": "rrf"}, "score_threshold": 0.5833334, "limit": 2}
            """);
        Assert.Equal([1, 2], Ids(thresholded));

        var shortPrefetch = await Query("ranked", """{"prefetch": {"query": [1], "using": "d", "limit": 2}, "query": {"fusion": "rrf"}}""");
        Assert.Equal([5, 3], Ids(shortPrefetch));

        var noQuery = await _client.PostAsync("collections/ranked/points/query", """{"prefetch": {"query": [1], "using": "d"}}""");
        Assert.Equal("Wrong input: Validation failed: cannot have prefetches without a query", noQuery.Error);
        var lonelyFusion = await _client.PostAsync("collections/ranked/points/query", """{"query": {"fusion": "rrf"}}""");
        Assert.Equal("Wrong input: Validation failed: cannot apply Fusion without prefetches", lonelyFusion.Error);
    }

    [Fact]
    public async Task A_vector_query_over_prefetches_rescores_only_the_prefetched_points_that_have_its_vector()
    {
        await Collection(
            "hybrid",
            """{"vectors": {"dense": {"size": 2, "distance": "Dot"}}, "sparse_vectors": {"text": {}}}""",
            """
            [{"id": 1, "vector": {"dense": [1, 0], "text": {"indices": [7], "values": [1]}}},
             {"id": 2, "vector": {"dense": [5, 0]}},
             {"id": 3, "vector": {"text": {"indices": [7], "values": [2]}}},
             {"id": 4, "vector": {"dense": [2, 0], "text": {"indices": [7], "values": [0.5]}}}]
            """);

        var result = await Query("hybrid", """
            {"prefetch": {"query": {"indices": [7], "values": [1]}, "using": "text"},
             "query": [1, 0], "using": "dense"}
            """);

        // Point 2 was not prefetched (no sparse vector); point 3 was, but has no dense vector to be rescored with.
        Assert.Equal([4, 1], Ids(result));
        Assert.Equal([2f, 1f], Scores(result));
    }

    [Fact]
    public async Task Errors_in_a_query_vector_are_Qdrants()
    {
        await RankedByIdCollection();

        Assert.Equal("Wrong input: Vector dimension error: expected dim: 1, got 2", (await _client.PostAsync("collections/ranked/points/query", """{"query": [1, 2], "using": "d"}""")).Error);
        Assert.Equal("Wrong input: Collection requires specified vector name in the request, available names: d", (await _client.PostAsync("collections/ranked/points/query", """{"query": [1]}""")).Error);
        Assert.Equal("Wrong input: Vector with name `e` is not configured in this collection, available names: d", (await _client.PostAsync("collections/ranked/points/query", """{"query": [1], "using": "e"}""")).Error);
        Assert.Equal("Wrong input: Conversion between sparse and regular vectors failed", (await _client.PostAsync("collections/ranked/points/query", """{"query": {"indices": [1], "values": [1]}, "using": "d"}""")).Error);
        var byId = await Query("ranked", """{"limit": 4}""");
        Assert.Equal([1, 2, 3, 5], Ids(byId));
        Assert.Equal([1f, 1f, 1f, 1f], Scores(byId));
    }

    [Fact]
    public async Task Query_groups_keep_each_groups_best_hits_and_order_groups_by_their_best()
    {
        await Collection(
            "grouped",
            """{"vectors": {"d": {"size": 2, "distance": "Dot"}}}""",
            """
            [{"id": 1, "vector": {"d": [1.0, 0]}, "payload": {"doc": "a"}},
             {"id": 2, "vector": {"d": [0.9, 0]}, "payload": {"doc": "b"}},
             {"id": 3, "vector": {"d": [0.8, 0]}, "payload": {"doc": ["a", "c"]}},
             {"id": 4, "vector": {"d": [0.95, 0]}, "payload": {}},
             {"id": 5, "vector": {"d": [0.7, 0]}, "payload": {"doc": "c"}},
             {"id": 6, "vector": {"d": [0.85, 0]}, "payload": {"doc": true}}]
            """);

        var one = await _client.ResultAsync(HttpMethod.Post, "collections/grouped/points/query/groups", """{"query": [1, 0], "using": "d", "group_by": "doc", "group_size": 1}""");
        var groups = one["groups"]!.AsArray();
        Assert.Equal(["a", "b", "c"], groups.Select(group => group!["id"]!.GetValue<string>()).ToArray());
        Assert.Equal([1, 2, 3], groups.Select(group => Ids(group!["hits"]!.AsArray()).Single()).ToArray());

        var two = await _client.ResultAsync(HttpMethod.Post, "collections/grouped/points/query/groups", """{"query": [1, 0], "using": "d", "group_by": "doc", "group_size": 2, "limit": 2, "with_payload": true}""");
        var twoGroups = two["groups"]!.AsArray();
        Assert.Equal(2, twoGroups.Count);
        Assert.Equal([1, 3], Ids(twoGroups[0]!["hits"]!.AsArray()));
        Assert.Equal([2], Ids(twoGroups[1]!["hits"]!.AsArray()));
        Assert.Equal("b", twoGroups[1]!["hits"]![0]!["payload"]!["doc"]!.GetValue<string>());
    }

    [Fact]
    public async Task Dbsf_normalises_each_prefetch_between_three_standard_deviations_and_sums()
    {
        await RankedByIdCollection();

        var fused = await Query("ranked", """{"prefetch": [{"query": [1], "using": "d", "limit": 4}, {"query": [1], "using": "d", "filter": {"must": [{"has_id": [1, 2]}]}}], "query": {"fusion": "dbsf"}}""");

        var first = Normalised([5, 3, 2, 1]);
        var second = Normalised([2, 1]);
        var expected = new Dictionary<int, double> { [5] = first[0], [3] = first[1], [2] = first[2] + second[0], [1] = first[3] + second[1] };
        Assert.Equal(expected.OrderByDescending(entry => entry.Value).Select(entry => entry.Key).ToArray(), Ids(fused));
        Assert.All(fused, point => Assert.Equal(expected[point!["id"]!.GetValue<int>()], point["score"]!.GetValue<double>(), 5));
    }

    /// <summary>score_fusion.rs <c>distr_norm</c>: (score − (mean − 3σ)) / 6σ with the sample standard deviation.</summary>
    private static double[] Normalised(double[] scores)
    {
        var mean = scores.Average();
        var deviation = Math.Sqrt(scores.Sum(score => (score - mean) * (score - mean)) / (scores.Length - 1));
        return scores.Select(score => (score - (mean - 3 * deviation)) / (6 * deviation)).ToArray();
    }

    [Fact]
    public async Task An_order_by_query_scrolls_by_the_field_with_order_values_and_unit_scores()
    {
        await Collection(
            "dated",
            """{"vectors": {"d": {"size": 1, "distance": "Dot"}}}""",
            """[{"id": 1, "vector": {"d": [1]}, "payload": {"rank": 20}}, {"id": 2, "vector": {"d": [2]}, "payload": {"rank": 10}}, {"id": 3, "vector": {"d": [3]}, "payload": {"rank": 30}}]""");
        await _client.ResultAsync(HttpMethod.Put, "collections/dated/index?wait=true", """{"field_name": "rank", "field_schema": "integer"}""");

        var ordered = await Query("dated", """{"query": {"order_by": {"key": "rank", "direction": "desc"}}}""");
        Assert.Equal([3, 1, 2], Ids(ordered));
        Assert.Equal([30L, 20L, 10L], ordered.Select(point => point!["order_value"]!.GetValue<long>()).ToArray());
        Assert.All(ordered, point => Assert.Equal(0, point!["version"]!.GetValue<int>()));

        // The prefetch keeps points 3 and 2 (largest d); ordered by rank ascending that is 2 (10), then 3 (30).
        var rescored = await Query("dated", """{"prefetch": {"query": [1], "using": "d", "limit": 2}, "query": {"order_by": "rank"}}""");
        Assert.Equal([2, 3], Ids(rescored));
    }

    [Fact]
    public async Task A_query_batch_answers_each_search_in_order()
    {
        await RankedByIdCollection();

        var results = await _client.ResultAsync(HttpMethod.Post, "collections/ranked/points/query/batch", """
            {"searches": [{"query": [1], "using": "d", "limit": 2}, {"query": [-1], "using": "d", "limit": 1}]}
            """);

        Assert.Equal([5, 3], Ids(results[0]!["points"]!.AsArray()));
        Assert.Equal([1], Ids(results[1]!["points"]!.AsArray()));
    }
}
