using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace NewsBot.Qdrant.Api;

/// <summary>A point to upsert: its id (a UUID), its named vectors (any may be absent) and its payload.</summary>
public sealed class PointStruct
{
    public required string Id { get; set; }
    public Dictionary<string, VectorValue> Vector { get; set; } = [];
    public JsonObject? Payload { get; set; }
}

/// <summary><c>POST points/batch</c>: operations Qdrant applies in order.</summary>
public sealed class UpdateOperations
{
    public List<UpdateOperation> Operations { get; set; } = [];
}

/// <summary>One operation of a batch; exactly one property is set.</summary>
public sealed class UpdateOperation
{
    public PointsList? Upsert { get; set; }
    public PointsSelector? Delete { get; set; }
    public SetPayload? SetPayload { get; set; }
    public DeletePayload? DeletePayload { get; set; }
    public UpdateVectors? UpdateVectors { get; set; }
    public DeleteVectors? DeleteVectors { get; set; }
}

public sealed class PointsList
{
    public List<PointStruct> Points { get; set; } = [];
}

/// <summary>Points by id or by filter.</summary>
public sealed class PointsSelector
{
    public List<string>? Points { get; set; }
    public Filter? Filter { get; set; }
}

public sealed class SetPayload
{
    public required JsonObject Payload { get; set; }
    public List<string>? Points { get; set; }
    public Filter? Filter { get; set; }
}

public sealed class DeletePayload
{
    public required List<string> Keys { get; set; }
    public List<string>? Points { get; set; }
    public Filter? Filter { get; set; }
}

public sealed class UpdateVectors
{
    public List<PointVectors> Points { get; set; } = [];
}

public sealed class PointVectors
{
    public required string Id { get; set; }
    public Dictionary<string, VectorValue> Vector { get; set; } = [];
}

public sealed class DeleteVectors
{
    public List<string>? Points { get; set; }
    public Filter? Filter { get; set; }
    public required List<string> Vector { get; set; }
}

/// <summary>Every successful answer: <c>{"result": …, "status": "ok", "time": …}</c>.</summary>
public sealed class Envelope<T>
{
    public T? Result { get; set; }
}

/// <summary>A point as search returns it.</summary>
public sealed class ScoredPoint<TPayload>
{
    [JsonConverter(typeof(PointIdConverter))]
    public string Id { get; set; } = "";
    public double Score { get; set; }
    public TPayload? Payload { get; set; }
    public Dictionary<string, VectorValue>? Vector { get; set; }
}

/// <summary>A point as scroll and retrieve return it.</summary>
public sealed class PointRecord<TPayload>
{
    [JsonConverter(typeof(PointIdConverter))]
    public string Id { get; set; } = "";
    public TPayload? Payload { get; set; }
    public Dictionary<string, VectorValue>? Vector { get; set; }
}

public sealed class QueryResult<TPayload>
{
    public List<ScoredPoint<TPayload>> Points { get; set; } = [];
}

public sealed class GroupsResult<TPayload>
{
    public List<PointGroup<TPayload>> Groups { get; set; } = [];
}

public sealed class PointGroup<TPayload>
{
    public List<ScoredPoint<TPayload>> Hits { get; set; } = [];
}

public sealed class ScrollResult<TPayload>
{
    public List<PointRecord<TPayload>> Points { get; set; } = [];
    public JsonElement? NextPageOffset { get; set; }
}

public sealed class CountResult
{
    public long Count { get; set; }
}

/// <summary>Point ids come back as numbers or UUID strings; NewsBot's are always UUIDs, kept as strings.</summary>
internal sealed class PointIdConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number ? reader.GetUInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) : reader.GetString() ?? "";

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
