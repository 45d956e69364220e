namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>A failure the fake answers as Qdrant does: the status code and the text of <c>status.error</c>.</summary>
public sealed class FakeQdrantException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}

/// <summary>
/// Qdrant's own error texts. The prefixes come from <c>StorageError</c> (lib/storage/src/content_manager/errors.rs:
/// "Wrong input: ", "Not found: ", "Bad request: "), the bodies from <c>OperationError</c>
/// (lib/segment/src/common/operation_error.rs) and <c>CollectionError</c> (lib/collection/src/operations/types.rs), the
/// status codes from <c>HttpError::status_code</c> (src/actix/helpers.rs: BadInput 400, NotFound 404, AlreadyExists 409),
/// and the body-parsing ones from <c>validation_error_handler</c> (src/actix/mod.rs: "Format error in JSON body" 400,
/// "Validation error in JSON body" 422).
/// </summary>
internal static class FakeQdrantErrors
{
    public static FakeQdrantException CollectionNotFound(string name) =>
        new(404, $"Not found: Collection `{name}` doesn't exist!");

    public static FakeQdrantException CollectionAlreadyExists(string name) =>
        new(409, $"Wrong input: Collection `{name}` already exists!");

    public static FakeQdrantException WrongVectorDimension(int expected, int received) =>
        BadInput($"Vector dimension error: expected dim: {expected}, got {received}");

    public static FakeQdrantException VectorNameNotExists(string name) =>
        BadInput($"Not existing vector name error: {name}");

    /// <summary>
    /// A query naming a vector the collection lacks: <c>CollectionParams::missing_vector_error</c>
    /// (lib/collection, the config module), reached through <c>get_distance</c> before any segment is searched. Names are listed
    /// dense first, then sparse, each in name order (Qdrant keeps both in BTreeMaps).
    /// </summary>
    public static FakeQdrantException MissingVector(FakeCollectionConfig config, string name)
    {
        var available = config.Dense.Keys.Order(StringComparer.Ordinal).Concat(config.Sparse.Keys.Order(StringComparer.Ordinal)).ToList();
        if (available.Count == 0)
        {
            return BadInput("Vectors are not configured in this collection");
        }
        if (available is [""])
        {
            return BadInput($"Vector with name {name} is not configured in this collection");
        }
        var names = string.Join(", ", available);
        return name.Length == 0
            ? BadInput($"Collection requires specified vector name in the request, available names: {names}")
            : BadInput($"Vector with name `{name}` is not configured in this collection, available names: {names}");
    }

    /// <summary>OperationError::WrongSparse, whose CollectionError text replaces the variant's own.</summary>
    public static FakeQdrantException WrongSparse() => BadInput("Conversion between sparse and regular vectors failed");

    /// <summary>OperationError::WrongMulti (seen verbatim in qdrant/qdrant issue 5394).</summary>
    public static FakeQdrantException WrongMulti() => BadInput("Conversion between multi and regular vectors failed");

    public static FakeQdrantException PointNotFound(FakePointId id) => new(404, $"Not found: No point with id {id} found");

    /// <summary>GET /collections/{name}/points/{id} (src/actix/api/retrieve_api.rs) has its own wording.</summary>
    public static FakeQdrantException SinglePointNotFound(FakePointId id) =>
        new(404, $"Not found: Point with id {id} does not exists!");

    public static FakeQdrantException UnrecognizedPointId(string text) =>
        BadInput($"Can not recognize \"{text}\" as point id");

    public static FakeQdrantException MissingRangeIndexForOrderBy(string key) =>
        BadInput($"No range index for `order_by` key: `{key}`. Please create one to use `order_by`. Check https://qdrant.tech/documentation/concepts/indexing/#payload-index to see which payload schemas support Range conditions");

    public static FakeQdrantException MissingMapIndexForFacet(string key) =>
        BadInput($"No appropriate index for faceting: `{key}`. Please create one to facet on this field. Check https://qdrant.tech/documentation/concepts/indexing/#payload-index to see which payload schemas support Match conditions");

    public static FakeQdrantException OffsetWithOrderBy() =>
        BadInput("Cannot use an `offset` when using `order_by`. The alternative for paging is to use `order_by.start_from` and a filter to exclude the IDs that you've already seen for the `order_by.start_from` value");

    /// <summary>OperationError::ValidationError, mapped to CollectionError::BadInput with its Display text.</summary>
    public static FakeQdrantException ValidationFailed(string description) => BadInput($"Validation failed: {description}");

    public static FakeQdrantException BadInput(string description) => new(400, $"Wrong input: {description}");

    public static FakeQdrantException BadRequest(string description) => new(400, $"Bad request: {description}");

    /// <summary>A body serde could not deserialize (serde's wording is approximated; the status and prefix are Qdrant's).</summary>
    public static FakeQdrantException FormatError(string detail) => new(400, $"Format error in JSON body: {detail}");

    /// <summary>A body that deserialized but failed <c>Validate</c>: Qdrant answers 422, listing <c>field: message</c>.</summary>
    public static FakeQdrantException ValidationError(string field, string message) =>
        new(422, $"Validation error in JSON body: [{field}: {message}]");

    /// <summary>Something Qdrant 1.19 accepts but this fake does not implement; named as the fake's so it is not mistaken for Qdrant.</summary>
    public static FakeQdrantException NotImplementedByFake(string what) =>
        BadRequest($"{what} is not implemented by the fake Qdrant");

    /// <summary>Qdrant's error envelope: <c>{"status": {"error": ...}, "time": ...}</c>.</summary>
    public static JsonObject Body(string message, double time) =>
        new() { ["status"] = new JsonObject { ["error"] = message }, ["time"] = time };
}
