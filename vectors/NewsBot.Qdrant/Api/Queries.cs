using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace NewsBot.Qdrant.Api;

/// <summary>
/// The Query API's request (<c>POST points/query</c>, and with <see cref="GroupBy"/> <c>points/query/groups</c>):
/// prefetches run first, then <see cref="Query"/> ranks (or fuses) what they found.
/// </summary>
public sealed class QueryRequest
{
    public List<Prefetch>? Prefetch { get; set; }
    public QueryInput? Query { get; set; }
    public string? Using { get; set; }
    public Filter? Filter { get; set; }
    public int? Limit { get; set; }
    /// <summary><c>true</c>, <c>false</c> or a list of payload keys.</summary>
    public JsonNode? WithPayload { get; set; }
    public JsonNode? WithVector { get; set; }
    public string? GroupBy { get; set; }
    public int? GroupSize { get; set; }
}

public sealed class Prefetch
{
    [JsonPropertyName("prefetch")]
    public List<Prefetch>? Nested { get; set; }
    public QueryInput? Query { get; set; }
    public string? Using { get; set; }
    public Filter? Filter { get; set; }
    public int? Limit { get; set; }
}

public sealed class QueryBatchRequest
{
    public required List<QueryRequest> Searches { get; set; }
}

/// <summary>What a query ranks by: a dense vector, a multivector, a sparse vector, or a fusion of the prefetches.</summary>
[JsonConverter(typeof(QueryInputConverter))]
public sealed class QueryInput
{
    private QueryInput(VectorValue? vector, string? fusion) => (Vector, Fusion) = (vector, fusion);

    public VectorValue? Vector { get; }
    public string? Fusion { get; }

    public static QueryInput Nearest(VectorValue vector) => new(vector, null);
    /// <summary>Reciprocal rank fusion of the prefetches, with Qdrant's own parameters.</summary>
    public static readonly QueryInput Rrf = new(null, "rrf");
}

internal sealed class QueryInputConverter : JsonConverter<QueryInput>
{
    public override QueryInput Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("NewsBot only writes queries.");

    public override void Write(Utf8JsonWriter writer, QueryInput value, JsonSerializerOptions options)
    {
        if (value.Fusion is { } fusion)
        {
            writer.WriteStartObject();
            writer.WriteString("fusion", fusion);
            writer.WriteEndObject();
        }
        else new VectorValueConverter().Write(writer, value.Vector!, options);
    }
}

public sealed class ScrollRequest
{
    public Filter? Filter { get; set; }
    public int? Limit { get; set; }
    /// <summary>The point id to continue from (the previous page's <c>next_page_offset</c>).</summary>
    public string? Offset { get; set; }
    public JsonNode? WithPayload { get; set; }
    public JsonNode? WithVector { get; set; }
    public OrderBy? OrderBy { get; set; }
}

public sealed class OrderBy
{
    public required string Key { get; set; }
    public string? Direction { get; set; }
}

public sealed class CountRequest
{
    public Filter? Filter { get; set; }
    public bool? Exact { get; set; }
}

public sealed class RetrieveRequest
{
    public required List<string> Ids { get; set; }
    public JsonNode? WithPayload { get; set; }
    public JsonNode? WithVector { get; set; }
}
