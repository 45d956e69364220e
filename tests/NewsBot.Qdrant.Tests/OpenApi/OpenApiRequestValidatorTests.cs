namespace NewsBot.Qdrant.Tests.OpenApi;

/// <summary>The validator against Qdrant's own OpenAPI description: documented bodies pass, broken ones say where they break.</summary>
public sealed class OpenApiRequestValidatorTests
{
    private const string PointA = "5c56c793-69f3-4fbf-87e6-c4bf54c28c26";
    private const string PointB = "0e9d2f0c-3a8b-4c1e-9f57-2d6b8a1e4c03";
    private const string DocumentFilter = """{"must": [{"key": "document", "match": {"value": "a.md"}}]}""";

    /// <summary>One batch of each update operation NewsBot uses.</summary>
    private const string UpdateBatch = $$$$"""
        {
          "operations": [
            {"upsert": {"points": [
              {
                "id": "{{{{PointA}}}}",
                "vector": {
                  "dense": [[0.25, -0.5, 0.125], [1e-3, 0, 1]],
                  "bm25": {"indices": [3, 17, 4096], "values": [0.5, 1.25, 2]}
                },
                "payload": {"document": "a.md", "title": "Chips", "published": "2025-03-01T08:00:00Z", "tags": ["ai"]}
              },
              {"id": "{{{{PointB}}}}", "vector": {"dense": [[0.5, 0.5, 0.5]]}, "payload": null}
            ]}},
            {"delete": {"filter": {{{{DocumentFilter}}}}}},
            {"set_payload": {"payload": {"stale": true}, "filter": {{{{DocumentFilter}}}}}},
            {"delete_vectors": {"points": ["{{{{PointA}}}}"], "vector": ["bm25"]}},
            {"update_vectors": {"points": [{"id": "{{{{PointB}}}}", "vector": {"bm25": {"indices": [], "values": []}}}]}}
          ]
        }
        """;

    private static readonly OpenApiRequestValidator Validator = OpenApiRequestValidator.Qdrant;

    /// <summary>Bodies shaped like the examples in Qdrant's documentation, as NewsBot would send them.</summary>
    public static TheoryData<string, string, string> DocumentedRequests => new()
    {
        {
            "PUT", "/collections/news", """
            {
              "vectors": {
                "dense": {
                  "size": 512,
                  "distance": "Cosine",
                  "multivector_config": {"comparator": "max_sim"},
                  "quantization_config": {"scalar": {"type": "int8", "always_ram": true}}
                }
              },
              "sparse_vectors": {"bm25": {"modifier": "idf"}},
              "metadata": {"schema_version": 3, "embedding_model": "minilm", "created": "2025-01-01T00:00:00Z"}
            }
            """
        },
        { "PUT", "/collections/news/index?wait=true", """{"field_name": "document", "field_schema": "keyword"}""" },
        { "PUT", "/collections/news/index", """{"field_name": "published", "field_schema": "datetime"}""" },
        { "PUT", "/collections/news/index", """{"field_name": "stale", "field_schema": "bool"}""" },
        { "PUT", "/collections/news/index", """{"field_name": "position", "field_schema": "integer"}""" },
        { "POST", "/collections/news/points/batch", UpdateBatch },
        {
            "POST", "/collections/news/points/scroll", $$$"""
            {
              "filter": {{{DocumentFilter}}},
              "limit": 100,
              "with_payload": true,
              "with_vector": false,
              "order_by": {"key": "published", "direction": "desc", "start_from": "2025-06-01T00:00:00Z"}
            }
            """
        },
        { "POST", "/collections/news/points/count", $$$"""{"filter": {{{DocumentFilter}}}, "exact": true}""" },
        {
            "POST", "/collections/news/points/query", $$$"""
            {
              "prefetch": [
                {"query": {"indices": [3, 17], "values": [0.5, 1.25]}, "using": "bm25", "limit": 50},
                {"query": [[0.25, -0.5, 0.125], [0.5, 0.5, 0.5]], "using": "dense", "limit": 50}
              ],
              "query": {"fusion": "rrf"},
              "filter": {
                "must": [
                  {"key": "source", "match": {"value": "reuters"}},
                  {"key": "tags", "match": {"any": ["ai", "chips"]}},
                  {"key": "published", "range": {"gte": "2025-01-01T00:00:00Z", "lte": "2025-12-31T23:59:59.999+01:00"}},
                  {"has_id": ["{{{PointA}}}", 42]},
                  {"has_vector": "dense"}
                ],
                "must_not": [{"key": "stale", "match": {"value": true}}]
              },
              "limit": 10,
              "with_payload": ["title", "document"],
              "score_threshold": 0.2
            }
            """
        },
        {
            "POST", "/collections/news/points/query/groups", """
            {"query": [[0.25, -0.5, 0.125]], "using": "dense", "group_by": "document", "group_size": 3, "limit": 5, "with_payload": true}
            """
        },
        {
            "POST", "/collections/news/points/query/batch", """
            {"searches": [
              {"query": [[0.25, -0.5, 0.125]], "using": "dense", "limit": 3},
              {"query": {"indices": [3], "values": [1.0]}, "using": "bm25", "filter": {"must_not": {"has_id": [7]}}}
            ]}
            """
        },
        { "GET", "/collections/news", "" },
        { "DELETE", "/collections/news", "" },
    };

    [Theory]
    [MemberData(nameof(DocumentedRequests))]
    public void Documented_request_bodies_are_valid(string method, string path, string body)
    {
        Assert.Empty(Validator.Validate(method, path, Parse(body)));
    }

    [Fact]
    public void Method_names_are_matched_whatever_their_case()
    {
        Assert.Empty(Validator.Validate("post", "/collections/news/points/count", Parse("{}")));
    }

    [Fact]
    public void A_zero_prefetch_limit_is_reported_at_its_path()
    {
        var violations = Validator.Validate("POST", "/collections/news/points/query", Parse("""
            {"prefetch": [{"query": [0.5, 0.5], "limit": 0}], "query": {"fusion": "rrf"}}
            """));

        Assert.Equal("$.prefetch[0].limit: expected an integer >= 1, got 0", Assert.Single(violations));
    }

    [Fact]
    public void A_string_inside_a_vector_is_reported_at_its_index()
    {
        var violations = Validator.Validate("POST", "/collections/news/points/batch", Parse("""
            {"operations": [{"upsert": {"points": [{"id": 1, "vector": {"dense": [0.5, "0.25", 1]}}]}}]}
            """));

        Assert.Equal("$.operations[0].upsert.points[0].vector.dense[1]: expected a number, got \"0.25\"", Assert.Single(violations));
    }

    [Fact]
    public void An_unknown_fusion_lists_the_allowed_ones()
    {
        var violations = Validator.Validate("POST", "/collections/news/points/query", Parse("""{"query": {"fusion": "rrf2"}}"""));

        Assert.Equal("$.query.fusion: expected one of \"rrf\", \"dbsf\", got \"rrf2\"", Assert.Single(violations));
    }

    [Fact]
    public void A_misspelled_property_is_unknown_and_the_intended_one_suggested()
    {
        var violations = Validator.Validate("POST", "/collections/news/points/query", Parse("""{"prefetchs": [], "limit": 3}"""));

        var violation = Assert.Single(violations);
        Assert.StartsWith("$.prefetchs: unknown property (did you mean \"prefetch\"?); QueryRequest declares: ", violation);
    }

    [Fact]
    public void Unknown_properties_are_allowed_when_not_rejected_unless_the_schema_forbids_them()
    {
        var lenient = Validator.WithRejectUnknownProperties(false);

        Assert.Empty(lenient.Validate("POST", "/collections/news/points/query", Parse("""{"prefetchs": [], "limit": 3}""")));
        // Filter says additionalProperties: false itself, so a misspelled clause is wrong either way.
        var violation = Assert.Single(lenient.Validate("POST", "/collections/news/points/count", Parse("""{"filter": {"mustnot": []}}""")));
        Assert.StartsWith("$.filter.mustnot: property not allowed (additionalProperties is false) (did you mean \"must_not\"?)", violation);
    }

    [Theory]
    [InlineData("\"abc\"", "expected a UUID (8-4-4-4-12 hex digits")]
    [InlineData("-1", "expected an integer >= 0, got -1")]
    [InlineData("1.5", "expected a string or an integer, got 1.5")]
    [InlineData("18446744073709551616", "expected a uint64 (an integer from 0 to 18446744073709551615)")]
    public void A_point_id_must_be_an_unsigned_integer_or_a_uuid(string id, string reason)
    {
        var violations = Validator.Validate("PUT", "/collections/news/points", Parse($$$"""{"points": [{"id": {{{id}}}, "vector": [0.5]}]}"""));

        Assert.StartsWith("$.points[0].id: " + reason, Assert.Single(violations));
    }

    [Fact]
    public void A_sparse_vector_without_values_is_reported()
    {
        var violations = Validator.Validate("PUT", "/collections/news/points", Parse("""
            {"points": [{"id": 1, "vector": {"bm25": {"indices": [1, 2]}}}]}
            """));

        Assert.Equal("$.points[0].vector.bm25: missing required property \"values\"", Assert.Single(violations));
    }

    [Fact]
    public void Enum_values_are_case_sensitive_and_the_right_case_is_suggested()
    {
        var violations = Validator.Validate("PUT", "/collections/news", Parse("""{"vectors": {"dense": {"size": 512, "distance": "cosine"}}}"""));

        Assert.Equal(
            "$.vectors.dense.distance: expected one of \"Cosine\", \"Euclid\", \"Dot\", \"Manhattan\", got \"cosine\" (the values are case-sensitive: did you mean \"Cosine\"?)",
            Assert.Single(violations));
    }

    [Fact]
    public void A_number_written_with_a_fraction_is_not_an_integer()
    {
        var violations = Validator.Validate("POST", "/collections/news/points/scroll", Parse("""{"limit": 10.0}"""));

        Assert.Equal("$.limit: expected an integer, got 10.0", Assert.Single(violations));
    }

    [Fact]
    public void Null_is_accepted_only_where_the_schema_is_nullable()
    {
        Assert.Empty(Validator.Validate("POST", "/collections/news/points/scroll", Parse("""{"filter": null, "limit": null}""")));

        // with_vector is a bare $ref to WithVector, which does not admit null.
        var violation = Assert.Single(Validator.Validate("POST", "/collections/news/points/scroll", Parse("""{"with_vector": null}""")));
        Assert.Equal("$.with_vector: expected an array or a boolean, got null", violation);
    }

    [Fact]
    public void When_no_alternative_takes_the_type_the_message_lists_the_types_they_take()
    {
        var violations = Validator.Validate("POST", "/collections/news/points/query", Parse("""{"with_payload": 5}"""));

        Assert.Equal("$.with_payload: expected an object, an array, a boolean or null, got 5", Assert.Single(violations));
    }

    [Fact]
    public void An_invalid_date_in_a_range_is_reported_rather_than_the_numeric_range_it_also_is_not()
    {
        var violations = Validator.Validate("POST", "/collections/news/points/count", Parse("""
            {"filter": {"must": [{"key": "published", "range": {"gte": "2025-13-01T00:00:00Z"}}]}}
            """));

        Assert.StartsWith("$.filter.must[0].range.gte: expected an RFC 3339 date-time", Assert.Single(violations));
    }

    [Fact]
    public void Duplicate_ids_in_has_id_are_reported()
    {
        var violations = Validator.Validate("POST", "/collections/news/points/count", Parse("""
            {"filter": {"must": [{"has_id": [7, 8, 7]}]}}
            """));

        Assert.Equal("$.filter.must[0].has_id[2]: duplicate of item 0; the items must be unique", Assert.Single(violations));
    }

    [Fact]
    public void Every_fault_in_a_body_is_reported()
    {
        var violations = Validator.Validate("POST", "/collections/news/points/query", Parse("""{"limit": 0, "offset": -1, "using": 5}"""));

        Assert.Equal(3, violations.Count);
        Assert.Contains(violations, v => v.StartsWith("$.limit:", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("$.offset:", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("$.using:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_body_with_many_faults_is_reported_up_to_a_limit()
    {
        var ids = string.Join(", ", Enumerable.Range(0, 100).Select(i => "\"id-" + i + "\""));
        var violations = Validator.Validate("POST", "/collections/news/points/delete", Parse($$$"""{"points": [{{{ids}}}]}"""));

        Assert.Equal(SchemaCheck.MaxViolations + 1, violations.Count);
        Assert.Equal("(further violations were not reported)", violations[^1]);
    }

    [Fact]
    public void An_unknown_path_is_one_violation()
    {
        var violation = Assert.Single(Validator.Validate("POST", "/collections/news/pointz/query", Parse("{}")));
        Assert.Equal("POST /collections/news/pointz/query: no path of the API matches", violation);
    }

    [Fact]
    public void An_unknown_method_is_one_violation_naming_the_allowed_ones()
    {
        var violation = Assert.Single(Validator.Validate("DELETE", "/collections/news/points/query", Parse("{}")));
        Assert.Equal("DELETE /collections/news/points/query: the API has no DELETE operation on this path (it allows GET, POST)", violation);
    }

    [Fact]
    public void A_body_sent_to_an_operation_without_one_is_a_violation()
    {
        var violation = Assert.Single(Validator.Validate("DELETE", "/collections/news", Parse("{}")));
        Assert.StartsWith("$: DELETE /collections/news takes no request body", violation);
    }

    [Fact]
    public void A_json_body_sent_to_a_multipart_upload_is_a_violation()
    {
        var violation = Assert.Single(Validator.Validate("POST", "/collections/news/snapshots/upload", Parse("{}")));
        Assert.Equal("$: POST /collections/news/snapshots/upload takes a multipart/form-data body, not JSON", violation);
    }

    [Fact]
    public void A_literal_path_segment_wins_over_a_template_parameter()
    {
        const string Aliases = """{"actions": [{"create_alias": {"collection_name": "news_v2", "alias_name": "news"}}]}""";
        const string Collection = """{"vectors": {"size": 4, "distance": "Dot"}}""";

        // POST /collections/aliases is the alias operation, not an operation on a collection named "aliases".
        Assert.Empty(Validator.Validate("POST", "/collections/aliases", Parse(Aliases)));
        Assert.Contains(Validator.Validate("POST", "/collections/aliases", Parse(Collection)), v => v.Contains("missing required property \"actions\"", StringComparison.Ordinal));
        // The literal path has no PUT, so PUT creates a collection that happens to be called "aliases".
        Assert.Empty(Validator.Validate("PUT", "/collections/aliases", Parse(Collection)));
        // points/delete is an operation; points/{id} only answers GET.
        Assert.Empty(Validator.Validate("POST", "/collections/news/points/delete", Parse("""{"points": [1, 2]}""")));
        Assert.Empty(Validator.Validate("GET", "/collections/news/points/delete", null));
    }

    [Fact]
    public void A_schema_can_be_checked_by_name()
    {
        Assert.Empty(Validator.ValidateSchema("SparseVector", Parse("""{"indices": [1], "values": [0.5]}""")));
        Assert.Equal("$.indices[0]: expected an integer >= 0, got -1",
            Assert.Single(Validator.ValidateSchema("SparseVector", Parse("""{"indices": [-1], "values": [0.5]}"""))));
        Assert.Throws<ArgumentException>(() => Validator.ValidateSchema("NoSuchSchema", null));
    }

    [Fact]
    public void A_float_must_fit_in_32_bits()
    {
        var violations = Validator.ValidateSchema("SparseVector", Parse("""{"indices": [1, 2], "values": [0.5, 1e39]}"""));

        Assert.Equal("$.values[1]: expected a float (a number within the range of a 32-bit float), got 1e39", Assert.Single(violations));
    }

    [Fact]
    public void Bodies_built_in_code_are_read_as_they_would_be_sent()
    {
        var body = new JsonObject
        {
            ["query"] = new JsonArray(0.5f, 0.25f),
            ["limit"] = 3,
            ["offset"] = 1.5,
        };

        Assert.Equal("$.offset: expected an integer, got 1.5", Assert.Single(Validator.Validate("POST", "/collections/news/points/query", body)));
    }

    [Fact]
    public void Values_built_in_code_that_are_written_as_strings_are_checked_as_strings()
    {
        var body = new JsonObject { ["points"] = new JsonArray(JsonValue.Create(Guid.Parse(PointA)), JsonValue.Create(DateTime.UnixEpoch)) };

        Assert.StartsWith("$.points[1]: expected a UUID", Assert.Single(Validator.Validate("POST", "/collections/news/points/delete", body)));
    }

    [Fact]
    public void The_validator_can_be_used_from_many_threads()
    {
        Parallel.For(0, 64, _ => Assert.Empty(Validator.Validate("POST", "/collections/news/points/batch", Parse(UpdateBatch))));
    }

    private static JsonNode? Parse(string json) => string.IsNullOrWhiteSpace(json) ? null : JsonNode.Parse(json);
}
