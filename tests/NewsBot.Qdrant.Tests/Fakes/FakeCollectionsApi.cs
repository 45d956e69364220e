namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>The collection endpoints: list, info, exists, create, update, delete, and payload indexes.</summary>
internal sealed class FakeCollectionsApi(FakeCollectionRegistry collections)
{
    public FakeApiReply List()
    {
        var list = new JsonArray();
        foreach (var name in collections.Names())
        {
            list.Add(new JsonObject { ["name"] = name });
        }
        return FakeApiReply.Ok(new JsonObject { ["collections"] = list });
    }

    public FakeApiReply Info(string name)
    {
        var collection = collections.Get(name);
        lock (collection.Sync)
        {
            return FakeApiReply.Ok(collection.InfoJson());
        }
    }

    public FakeApiReply Exists(string name) => FakeApiReply.Ok(new JsonObject { ["exists"] = collections.Find(name) is not null });

    /// <summary><c>PUT /collections/{name}</c>; an existing name is a 409 "Collection `X` already exists!".</summary>
    public FakeApiReply Create(string name, FakeApiRequest request)
    {
        collections.Add(new FakeCollection(name, FakeCollectionConfig.Parse(request.BodyObject)));
        return FakeApiReply.Ok(true);
    }

    public FakeApiReply Update(string name, FakeApiRequest request)
    {
        var body = request.BodyObject;
        var collection = collections.Get(name);
        lock (collection.Sync)
        {
            collection.Config.Update(body);
        }
        return FakeApiReply.Ok(true);
    }

    /// <summary>Deleting a missing collection is not an error: the result is <c>false</c>.</summary>
    public FakeApiReply Delete(string name) => FakeApiReply.Ok(collections.Remove(name));

    public FakeApiReply CreateIndex(string name, FakeApiRequest request)
    {
        var collection = collections.Get(name);
        var index = FakePayloadIndex.Parse(request.BodyObject);
        lock (collection.Sync)
        {
            var operationId = collection.NextOperationId();
            collection.PutIndex(index);
            return FakeApiReply.Ok(FakePointsApi.UpdateResult(operationId, request.Wait));
        }
    }

    public FakeApiReply DeleteIndex(string name, string field, FakeApiRequest request)
    {
        var collection = collections.Get(name);
        lock (collection.Sync)
        {
            var operationId = collection.NextOperationId();
            collection.DeleteIndex(field);
            return FakeApiReply.Ok(FakePointsApi.UpdateResult(operationId, request.Wait));
        }
    }
}
