namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>
/// Qdrant's <c>OrderValue</c> (lib/segment/src/data_types/order_by.rs): an integer (integer and datetime indexes; datetimes
/// as microseconds since the epoch) or a float (float indexes). Values of different kinds compare numerically.
/// </summary>
internal readonly record struct FakeOrderValue(bool IsInteger, long Integer, double Float) : IComparable<FakeOrderValue>
{
    public static FakeOrderValue FromInteger(long value) => new(true, value, value);

    public static FakeOrderValue FromFloat(double value) => new(false, 0, value);

    public int CompareTo(FakeOrderValue other) => IsInteger && other.IsInteger
        ? Integer.CompareTo(other.Integer)
        : Float.CompareTo(other.Float);

    public JsonNode ToJson() => IsInteger ? JsonValue.Create(Integer) : FakeJson.Double(Float);
}
