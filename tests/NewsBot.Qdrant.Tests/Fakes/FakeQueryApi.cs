namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>The universal query endpoints: query, query/batch and query/groups.</summary>
internal sealed class FakeQueryApi(FakeCollectionRegistry collections)
{
    public FakeApiReply Query(string name, FakeApiRequest request)
    {
        var query = FakeQueryRequest.Parse(request.BodyObject);
        var collection = collections.Get(name);
        lock (collection.Sync)
        {
            return FakeApiReply.Ok(Run(collection, query));
        }
    }

    /// <summary><c>{searches: [QueryRequest]}</c>: one <c>{points}</c> per search, in order.</summary>
    public FakeApiReply Batch(string name, FakeApiRequest request)
    {
        var searches = FakeJson.OptionalArray(request.BodyObject, "searches") ?? throw FakeQdrantErrors.FormatError("missing field `searches`");
        var queries = searches.Select((search, i) => FakeQueryRequest.Parse(FakeJson.Object(search, $"searches[{i}]"))).ToList();
        var collection = collections.Get(name);
        var results = new JsonArray();
        lock (collection.Sync)
        {
            foreach (var query in queries)
            {
                results.Add(Run(collection, query));
            }
        }
        return FakeApiReply.Ok(results);
    }

    private static JsonObject Run(FakeCollection collection, FakeQueryRequest query)
    {
        var points = new JsonArray();
        foreach (var hit in new FakeQueryEngine(collection).Run(query.Root))
        {
            points.Add(query.Output.ScoredPoint(hit, collection.Config));
        }
        return new JsonObject { ["points"] = points };
    }

    /// <summary>
    /// <c>QueryGroupsRequest</c>: <c>group_by</c> (required), <c>group_size</c> (default 3), <c>limit</c> as the number of
    /// groups (default 10); neither payload nor vectors unless asked for. <c>with_lookup</c> is not implemented by the fake.
    /// </summary>
    public FakeApiReply Groups(string name, FakeApiRequest request)
    {
        var body = request.BodyObject;
        var groupBy = FakeJson.OptionalString(body, "group_by") ?? throw FakeQdrantErrors.FormatError("missing field `group_by`");
        var groupSize = FakeJson.OptionalPositiveCount(body, "group_size") ?? 3;
        if (body["with_lookup"] is not null)
        {
            throw FakeQdrantErrors.NotImplementedByFake("with_lookup");
        }
        var query = FakeQueryRequest.Parse(body);
        var collection = collections.Get(name);
        lock (collection.Sync)
        {
            var engine = new FakeQueryEngine(collection);
            var grouping = new FakeGroupBy(engine, FakeJsonPath.Parse(groupBy), groupSize, query.Root.Limit, engine.OrderOf(query.Root.Query));
            var groups = new JsonArray();
            foreach (var group in grouping.Run(query.Root))
            {
                var hits = new JsonArray();
                foreach (var hit in group.Hits)
                {
                    hits.Add(query.Output.ScoredPoint(hit, collection.Config));
                }
                groups.Add(new JsonObject { ["hits"] = hits, ["id"] = group.Id });
            }
            return FakeApiReply.Ok(new JsonObject { ["groups"] = groups });
        }
    }
}
