namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>The point endpoints: writes, retrieval, scroll, count and facet.</summary>
internal sealed class FakePointsApi(FakeCollectionRegistry collections)
{
    /// <summary>
    /// <c>UpdateResult</c>. The fake applies every write before answering; with <c>wait=true</c> it reports
    /// <c>completed</c>, without it <c>acknowledged</c>, as Qdrant does (the write having been queued there).
    /// </summary>
    public static JsonObject UpdateResult(ulong operationId, bool wait) =>
        new() { ["operation_id"] = operationId, ["status"] = wait ? "completed" : "acknowledged" };

    public FakeApiReply Write(string name, FakeApiRequest request, Func<JsonObject, FakeUpdateOperation> parse)
    {
        // The body is deserialised before the collection is looked up, as actix extracts it before the handler runs.
        var operation = parse(request.BodyObject);
        var collection = collections.Get(name);
        lock (collection.Sync)
        {
            var operationId = collection.NextOperationId();
            operation.Apply(collection, operationId);
            return FakeApiReply.Ok(UpdateResult(operationId, request.Wait));
        }
    }

    /// <summary><c>POST /points/batch</c>: the operations in order, one <c>UpdateResult</c> each.</summary>
    public FakeApiReply Batch(string name, FakeApiRequest request)
    {
        var entries = FakeJson.OptionalArray(request.BodyObject, "operations") ?? throw FakeQdrantErrors.FormatError("missing field `operations`");
        var operations = entries.Select(FakeUpdateOperation.ParseBatchEntry).ToList();
        var collection = collections.Get(name);
        var results = new JsonArray();
        lock (collection.Sync)
        {
            foreach (var operation in operations)
            {
                var operationId = collection.NextOperationId();
                operation.Apply(collection, operationId);
                results.Add(UpdateResult(operationId, request.Wait));
            }
        }
        return FakeApiReply.Ok(results);
    }

    /// <summary><c>POST /points</c>: the listed points that exist, in the order asked, each once.</summary>
    public FakeApiReply Retrieve(string name, FakeApiRequest request)
    {
        var body = request.BodyObject;
        var ids = (FakeJson.OptionalArray(body, "ids") ?? throw FakeQdrantErrors.FormatError("missing field `ids`")).Select(FakePointId.FromJson).Distinct().ToList();
        var output = FakeOutputSelection.Parse(body, payloadByDefault: true, vectorsByDefault: false);
        var collection = collections.Get(name);
        var records = new JsonArray();
        lock (collection.Sync)
        {
            foreach (var id in ids)
            {
                if (collection.Find(id) is { } point)
                {
                    records.Add(output.Record(point, collection.Config));
                }
            }
        }
        return FakeApiReply.Ok(records);
    }

    /// <summary><c>GET /points/{id}</c>: payload and vectors, or Qdrant's 404 wording for this endpoint.</summary>
    public FakeApiReply Get(string name, string idText)
    {
        var collection = collections.Get(name);
        if (!FakePointId.TryParse(idText, out var id))
        {
            throw FakeQdrantErrors.UnrecognizedPointId(idText);
        }
        var output = FakeOutputSelection.Parse([], payloadByDefault: true, vectorsByDefault: true);
        lock (collection.Sync)
        {
            var point = collection.Find(id) ?? throw FakeQdrantErrors.SinglePointNotFound(id);
            return FakeApiReply.Ok(output.Record(point, collection.Config));
        }
    }

    /// <summary>
    /// <c>POST /points/scroll</c>. By id: from <c>offset</c> (inclusive), <c>limit</c> points (default 10) in id order, and
    /// <c>next_page_offset</c> the id after the page (null at the end). By <c>order_by</c>: no offset allowed, each record
    /// carries its <c>order_value</c>, and <c>next_page_offset</c> is null.
    /// </summary>
    public FakeApiReply Scroll(string name, FakeApiRequest request)
    {
        var body = request.BodyObject;
        FakePointId? offset = body["offset"] is { } offsetNode ? FakePointId.FromJson(offsetNode) : null;
        var limit = FakeJson.OptionalPositiveCount(body, "limit") ?? 10;
        var filter = FakeFilterParser.ParseOptional(body, "filter");
        var output = FakeOutputSelection.Parse(body, payloadByDefault: true, vectorsByDefault: false);
        var orderBy = body["order_by"] is { } orderByNode ? FakeOrderBy.Parse(orderByNode) : null;
        var collection = collections.Get(name);
        if (orderBy is not null && offset is not null)
        {
            throw FakeQdrantErrors.OffsetWithOrderBy();
        }
        var records = new JsonArray();
        JsonNode? nextPageOffset = null;
        lock (collection.Sync)
        {
            if (orderBy is not null)
            {
                var candidates = filter is null ? collection.Points : collection.Points.Where(filter.Matches);
                foreach (var (point, value) in orderBy.Apply(collection, candidates, limit))
                {
                    records.Add(output.Record(point, collection.Config, value));
                }
            }
            else
            {
                var points = offset is { } start ? collection.PointsFrom(start) : collection.Points;
                if (filter is not null)
                {
                    points = points.Where(filter.Matches);
                }
                var page = points.Take(limit + 1).ToList();
                foreach (var point in page.Take(limit))
                {
                    records.Add(output.Record(point, collection.Config));
                }
                nextPageOffset = page.Count > limit ? page[limit].Id.ToJson() : null;
            }
        }
        return FakeApiReply.Ok(new JsonObject { ["points"] = records, ["next_page_offset"] = nextPageOffset });
    }

    /// <summary>
    /// <c>POST /points/count</c>. Always exact: with <c>exact: false</c> Qdrant may answer its cardinality estimate instead,
    /// which the fake does not model.
    /// </summary>
    public FakeApiReply Count(string name, FakeApiRequest request)
    {
        var filter = FakeFilterParser.ParseOptional(request.BodyObject, "filter");
        var collection = collections.Get(name);
        lock (collection.Sync)
        {
            var count = filter is null ? collection.Count : collection.Points.Count(filter.Matches);
            return FakeApiReply.Ok(new JsonObject { ["count"] = count });
        }
    }

    /// <summary>
    /// <c>POST /facet</c>: how many points (matching the filter) hold each value of the key, most frequent first, ties by
    /// value; the key needs a keyword, integer, bool or uuid index (OperationError::MissingMapIndexForFacet otherwise).
    /// </summary>
    public FakeApiReply Facet(string name, FakeApiRequest request)
    {
        var body = request.BodyObject;
        var key = FakeJson.OptionalString(body, "key") ?? throw FakeQdrantErrors.FormatError("missing field `key`");
        var limit = FakeJson.OptionalCount(body, "limit") ?? 10;
        var filter = FakeFilterParser.ParseOptional(body, "filter");
        var collection = collections.Get(name);
        lock (collection.Sync)
        {
            if (!collection.Indexes.TryGetValue(key, out var index) || !index.SupportsFacet)
            {
                throw FakeQdrantErrors.MissingMapIndexForFacet(key);
            }
            var counts = new Dictionary<string, (JsonNode Value, int Count)>(StringComparer.Ordinal);
            foreach (var point in filter is null ? collection.Points : collection.Points.Where(filter.Matches))
            {
                foreach (var value in index.IndexedValues(point.Payload).DistinctBy(value => value.ToJsonString()))
                {
                    var text = value.ToJsonString();
                    counts[text] = counts.TryGetValue(text, out var entry) ? (entry.Value, entry.Count + 1) : (value, 1);
                }
            }
            var hits = new JsonArray();
            foreach (var (value, count) in counts.Values
                         .OrderByDescending(entry => entry.Count)
                         .ThenBy(entry => entry.Value, FacetValueOrder.Instance)
                         .Take(limit))
            {
                hits.Add(new JsonObject { ["value"] = value.DeepClone(), ["count"] = count });
            }
            return FakeApiReply.Ok(new JsonObject { ["hits"] = hits });
        }
    }

    /// <summary>Facet values ascending: numbers numerically, strings ordinally, false before true.</summary>
    private sealed class FacetValueOrder : IComparer<JsonNode>
    {
        public static readonly FacetValueOrder Instance = new();

        public int Compare(JsonNode? x, JsonNode? y) => (x!.GetValueKind(), y!.GetValueKind()) switch
        {
            (JsonValueKind.Number, JsonValueKind.Number) => x.GetValue<double>().CompareTo(y.GetValue<double>()),
            (JsonValueKind.String, JsonValueKind.String) => string.CompareOrdinal(x.GetValue<string>(), y.GetValue<string>()),
            _ => Rank(x).CompareTo(Rank(y)),
        };

        private static int Rank(JsonNode value) => value.GetValueKind() switch
        {
            JsonValueKind.False => 0,
            JsonValueKind.True => 1,
            var kind => 2 + (int)kind,
        };
    }
}
