using NewsBot.Qdrant.Tests.OpenApi;

namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>The fake's host behaviour: collections, API key, scripted faults, the validator seam, request recording.</summary>
public sealed class FakeQdrantTests : IAsyncLifetime
{
    private const string News = """
        {"vectors": {"dense": {"size": 4, "distance": "Cosine"}},
         "sparse_vectors": {"text": {"modifier": "idf"}},
         "metadata": {"schema": 1, "model": "m"}}
        """;

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

    [Fact]
    public async Task A_collection_is_created_described_listed_and_deleted_with_Qdrants_answers()
    {
        Assert.True((await _client.ResultAsync(HttpMethod.Put, "collections/news", News)).GetValue<bool>());

        var info = await _client.ResultAsync(HttpMethod.Get, "collections/news");
        Assert.Equal("green", info["status"]!.GetValue<string>());
        Assert.Equal("ok", info["optimizer_status"]!.GetValue<string>());
        Assert.Equal(0, info["points_count"]!.GetValue<int>());
        var parameters = info["config"]!["params"]!;
        Assert.Equal(4, parameters["vectors"]!["dense"]!["size"]!.GetValue<int>());
        Assert.Equal("Cosine", parameters["vectors"]!["dense"]!["distance"]!.GetValue<string>());
        Assert.Equal("idf", parameters["sparse_vectors"]!["text"]!["modifier"]!.GetValue<string>());
        Assert.Equal(1, parameters["shard_number"]!.GetValue<int>());
        Assert.Equal(16, info["config"]!["hnsw_config"]!["m"]!.GetValue<int>());
        Assert.Equal("m", info["config"]!["metadata"]!["model"]!.GetValue<string>());

        var list = await _client.ResultAsync(HttpMethod.Get, "collections");
        Assert.Equal("news", list["collections"]![0]!["name"]!.GetValue<string>());
        Assert.True((await _client.ResultAsync(HttpMethod.Get, "collections/news/exists"))["exists"]!.GetValue<bool>());

        var again = await _client.PutAsync("collections/news", News);
        Assert.Equal(409, again.Status);
        Assert.Equal("Wrong input: Collection `news` already exists!", again.Error);

        Assert.True((await _client.ResultAsync(HttpMethod.Delete, "collections/news")).GetValue<bool>());
        Assert.False((await _client.ResultAsync(HttpMethod.Get, "collections/news/exists"))["exists"]!.GetValue<bool>());
        var missing = await _client.GetAsync("collections/news");
        Assert.Equal(404, missing.Status);
        Assert.Equal("Not found: Collection `news` doesn't exist!", missing.Error);
        var scroll = await _client.PostAsync("collections/news/points/scroll", "{}");
        Assert.Equal("Not found: Collection `news` doesn't exist!", scroll.Error);
    }

    [Fact]
    public async Task Updating_a_collection_merges_metadata_and_a_null_removes_a_key()
    {
        await _client.ResultAsync(HttpMethod.Put, "collections/news", News);

        await _client.ResultAsync(HttpMethod.Patch, "collections/news", """{"metadata": {"schema": 2, "model": null, "migrated": true}}""");

        var metadata = (await _client.ResultAsync(HttpMethod.Get, "collections/news"))["config"]!["metadata"]!.AsObject();
        Assert.Equal(2, metadata["schema"]!.GetValue<int>());
        Assert.True(metadata["migrated"]!.GetValue<bool>());
        Assert.False(metadata.ContainsKey("model"));
    }

    [Fact]
    public async Task Root_and_health_probes_answer_as_Qdrant()
    {
        var root = await _client.GetAsync("");
        Assert.Equal("1.19.0", root.Body!["version"]!.GetValue<string>());
        var healthz = await _client.GetAsync("healthz");
        Assert.Equal("healthz check passed", healthz.Text);
        Assert.Equal("all shards are ready", (await _client.GetAsync("readyz")).Text);
        Assert.Equal(404, (await _client.GetAsync("collections/news/nothing/here")).Status);
    }

    [Fact]
    public async Task The_api_key_is_required_and_accepted_in_either_header()
    {
        await using var secured = await FakeQdrant.StartAsync(new FakeQdrantOptions { ApiKey = "secret" });
        using var anonymous = new FakeQdrantTestClient(secured);
        using var withHeader = new FakeQdrantTestClient(secured, apiKey: "secret");
        using var withBearer = new FakeQdrantTestClient(secured);
        withBearer.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "secret");
        using var wrong = new FakeQdrantTestClient(secured, apiKey: "guess");

        var refused = await anonymous.GetAsync("collections");
        Assert.Equal(401, refused.Status);
        Assert.Equal("Must provide an API key or an Authorization bearer token", refused.Text);
        var guessed = await wrong.GetAsync("collections");
        Assert.Equal(401, guessed.Status);
        Assert.Equal("Invalid API key or JWT", guessed.Text);
        Assert.Equal(200, (await anonymous.GetAsync("healthz")).Status);
        Assert.Equal(200, (await anonymous.GetAsync("readyz")).Status);

        Assert.Equal(200, (await withHeader.GetAsync("collections")).Status);
        Assert.Equal(200, (await withBearer.GetAsync("collections")).Status);
    }

    [Fact]
    public async Task FailNext_answers_the_next_requests_with_Qdrants_error_body_and_health_probes_are_spared()
    {
        _fake.FailNext(2, 503, retryAfter: TimeSpan.FromSeconds(1.5));

        Assert.Equal(200, (await _client.GetAsync("healthz")).Status);
        var first = await _client.GetAsync("collections");
        Assert.Equal(503, first.Status);
        Assert.Equal("Shard temporarily unavailable: fake unavailability", first.Error);
        Assert.NotNull(first.Body!["time"]);
        Assert.Equal(TimeSpan.FromSeconds(2), first.Headers.RetryAfter!.Delta);
        Assert.Equal(503, (await _client.PutAsync("collections/news", News)).Status);
        Assert.Equal(200, (await _client.PutAsync("collections/news", News)).Status);

        _fake.FailNext(1, 429, "Rate limiting exceeded: Write rate limit exceeded");
        var limited = await _client.GetAsync("collections/news");
        Assert.Equal(429, limited.Status);
        Assert.Equal("Rate limiting exceeded: Write rate limit exceeded", limited.Error);
    }

    [Fact]
    public async Task DropNext_aborts_the_connection_without_an_answer()
    {
        _fake.DropNext(1);

        await Assert.ThrowsAsync<HttpRequestException>(() => _client.GetAsync("collections"));
        Assert.Equal(200, (await _client.GetAsync("collections")).Status);

        var statuses = _fake.Requests.Select(request => request.Status).ToList();
        Assert.Equal([0, 200], statuses);
    }

    [Fact]
    public async Task Delay_holds_every_request_so_a_client_timeout_fires()
    {
        _fake.Delay = TimeSpan.FromSeconds(5);
        using var impatient = new FakeQdrantTestClient(_fake, timeout: TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => impatient.GetAsync("collections"));

        _fake.Delay = TimeSpan.Zero;
        Assert.Equal(200, (await _client.GetAsync("collections")).Status);
    }

    [Fact]
    public async Task A_body_the_validator_rejects_is_a_400_format_error_and_is_recorded()
    {
        await using var validated = await FakeQdrant.StartAsync(new FakeQdrantOptions { Validator = new RejectsLimitZeroValidator() });
        using var client = new FakeQdrantTestClient(validated);
        await client.ResultAsync(HttpMethod.Put, "collections/news", News);

        var rejected = await client.PostAsync("collections/news/points/scroll", """{"limit": 0}""");

        Assert.Equal(400, rejected.Status);
        Assert.Equal("Format error in JSON body: $.limit: must be at least 1", rejected.Error);
        Assert.Equal(["POST /collections/news/points/scroll: $.limit: must be at least 1"], validated.SchemaViolations);
        Assert.Equal(200, (await client.PostAsync("collections/news/points/scroll", """{"limit": 1}""")).Status);
        Assert.Single(validated.SchemaViolations);
    }

    [Fact]
    public async Task Every_request_is_recorded_with_its_query_body_and_status()
    {
        await _client.ResultAsync(HttpMethod.Put, "collections/news", News);
        await _client.PutAsync("collections/news/points?wait=true", """{"points": [{"id": 1, "vector": {"dense": [1, 0, 0]}}]}""");

        var requests = _fake.Requests;
        Assert.Equal(new FakeQdrantRequest("PUT", "/collections/news", "", News, 200), requests[0]);
        Assert.Equal("PUT", requests[1].Method);
        Assert.Equal("/collections/news/points", requests[1].Path);
        Assert.Equal("?wait=true", requests[1].Query);
        Assert.Contains("\"dense\"", requests[1].Body);
        Assert.Equal(400, requests[1].Status);
    }

    [Fact]
    public async Task A_body_route_without_a_json_content_type_or_with_malformed_json_fails_as_actix_does()
    {
        await _client.ResultAsync(HttpMethod.Put, "collections/news", News);
        using var http = new HttpClient { BaseAddress = _fake.Url };

        var plain = await http.PostAsync("collections/news/points/scroll", new StringContent("{}"));
        Assert.Equal(400, (int)plain.StatusCode);
        Assert.Contains("Content type error", await plain.Content.ReadAsStringAsync());

        var malformed = await _client.PostAsync("collections/news/points/scroll", "{\"limit\": ");
        Assert.Equal(400, malformed.Status);
        Assert.StartsWith("Format error in JSON body: ", malformed.Error);
    }

    /// <summary>A stand-in for the OpenAPI validator: objects to <c>limit: 0</c> only.</summary>
    private sealed class RejectsLimitZeroValidator : IRequestBodyValidator
    {
        public IReadOnlyList<string> Validate(string method, string path, JsonNode? body) =>
            body is JsonObject obj && obj["limit"]?.GetValue<int>() == 0 ? ["$.limit: must be at least 1"] : [];
    }
}
