namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>
/// Maps a request to its endpoint, with Qdrant 1.19's paths and methods. An unknown path (or method) is a 404 with an
/// empty body, as actix answers.
/// </summary>
internal sealed class FakeQdrantRouter(FakeCollectionRegistry collections)
{
    public const string Version = "1.19.0";

    private readonly FakeCollectionsApi _collections = new(collections);
    private readonly FakePointsApi _points = new(collections);
    private readonly FakeQueryApi _query = new(collections);

    /// <summary>The answer, or null when no route matches.</summary>
    public FakeApiReply? Route(FakeApiRequest request)
    {
        var s = request.Segments;
        var method = request.Method;
        if (s.Count == 0)
        {
            return method == "GET"
                ? FakeApiReply.Raw(new JsonObject { ["title"] = "qdrant - vector search engine", ["version"] = Version })
                : null;
        }
        if (s.Count == 1 && method == "GET")
        {
            return s[0] switch
            {
                "healthz" or "livez" => FakeApiReply.PlainText("healthz check passed"),
                "readyz" => FakeApiReply.PlainText("all shards are ready"),
                "collections" => _collections.List(),
                _ => null,
            };
        }
        if (s[0] != "collections" || s.Count < 2)
        {
            return null;
        }
        var name = s[1];
        var rest = string.Join('/', s.Skip(2));
        return (method, rest) switch
        {
            ("GET", "") => _collections.Info(name),
            ("PUT", "") => _collections.Create(name, request),
            ("PATCH", "") => _collections.Update(name, request),
            ("DELETE", "") => _collections.Delete(name),
            ("GET", "exists") => _collections.Exists(name),
            ("PUT", "index") => _collections.CreateIndex(name, request),
            ("DELETE", _) when s.Count == 4 && s[2] == "index" => _collections.DeleteIndex(name, s[3], request),
            ("PUT", "points") => _points.Write(name, request, FakeUpsert.Parse),
            ("POST", "points") => _points.Retrieve(name, request),
            ("POST", "points/delete") => _points.Write(name, request, body => new FakeDeletePoints(FakePointSelector.Parse(body))),
            ("POST", "points/payload") => _points.Write(name, request, body => FakeSetPayload.Parse(body, overwrite: false)),
            ("PUT", "points/payload") => _points.Write(name, request, body => FakeSetPayload.Parse(body, overwrite: true)),
            ("POST", "points/payload/delete") => _points.Write(name, request, FakeDeletePayload.Parse),
            ("POST", "points/payload/clear") => _points.Write(name, request, body => new FakeClearPayload(FakePointSelector.Parse(body))),
            ("PUT", "points/vectors") => _points.Write(name, request, FakeUpdateVectors.Parse),
            ("POST", "points/vectors/delete") => _points.Write(name, request, FakeDeleteVectors.Parse),
            ("POST", "points/batch") => _points.Batch(name, request),
            ("POST", "points/scroll") => _points.Scroll(name, request),
            ("POST", "points/count") => _points.Count(name, request),
            ("POST", "points/query") => _query.Query(name, request),
            ("POST", "points/query/batch") => _query.Batch(name, request),
            ("POST", "points/query/groups") => _query.Groups(name, request),
            ("POST", "facet") => _points.Facet(name, request),
            ("GET", _) when s.Count == 4 && s[2] == "points" => _points.Get(name, s[3]),
            _ => null,
        };
    }

    /// <summary>Whether the route reads a JSON body, which actix then requires to be sent as <c>application/json</c>.</summary>
    public static bool TakesJsonBody(string method, IReadOnlyList<string> segments) =>
        method is "POST" or "PUT" or "PATCH" && segments.Count >= 2 && segments[0] == "collections";
}
