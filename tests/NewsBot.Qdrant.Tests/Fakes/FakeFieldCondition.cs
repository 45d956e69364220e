namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>
/// <c>FieldCondition</c> as lib/segment/src/payload_storage/condition_checker.rs checks it. With no value at the key only
/// <c>is_empty: true</c> or <c>is_null: false</c> match. Otherwise the condition holds when any value at the key passes:
/// <c>values_count</c> counts a value (an array's length, 1 for a scalar, 0 for null); <c>is_empty</c>/<c>is_null</c> look
/// at the value itself; every other part (<c>match</c>, <c>range</c>) is tried on the value or, for an array, on each element.
/// </summary>
internal sealed class FakeFieldCondition(
    FakeJsonPath key,
    FakeValueMatch? match,
    FakeRange? range,
    FakeValuesCount? valuesCount,
    bool? isEmpty,
    bool? isNull) : FakeCondition
{
    public override bool Matches(FakeFilterSubject subject)
    {
        var values = key.Values(subject.Payload);
        if (values.Count == 0)
        {
            return isEmpty ?? (isNull is { } nullExpected && !nullExpected);
        }
        return values.Any(Check);
    }

    private bool Check(JsonNode? value)
    {
        if (valuesCount is not null)
        {
            return valuesCount.Matches(value switch { null => 0, JsonArray values => values.Count, _ => 1 });
        }
        if (isEmpty is { } emptyExpected)
        {
            return IsEmptyValue(emptyExpected, value);
        }
        if (isNull is { } nullExpected)
        {
            return IsNullValue(nullExpected, value);
        }
        return value is JsonArray array ? array.Any(CheckOne) : CheckOne(value);
    }

    private bool CheckOne(JsonNode? value) => (match?.Matches(value) ?? false) || (range?.Matches(value) ?? false);

    private static bool IsEmptyValue(bool expected, JsonNode? value) => value switch
    {
        null => expected,
        JsonArray array => (array.Count == 0) == expected,
        _ => !expected,
    };

    private static bool IsNullValue(bool expected, JsonNode? value) => value switch
    {
        null => expected,
        JsonArray array => array.Any(element => element is null) == expected,
        _ => !expected,
    };
}

/// <summary><c>Match</c> on one (non-array) value.</summary>
internal abstract class FakeValueMatch
{
    public abstract bool Matches(JsonNode? value);

    protected static bool TryInteger(JsonNode? value, out long integer)
    {
        integer = 0;
        return FakeJson.IsNumber(value) && value!.AsValue().TryGetValue(out integer);
    }

    protected static string? AsString(JsonNode? value) => FakeJson.IsString(value) ? value!.GetValue<string>() : null;
}

/// <summary><c>{"value": …}</c>: a string equals, an integer equals (a float payload value never does), a bool equals.</summary>
internal sealed class FakeMatchValue(JsonNode expected) : FakeValueMatch
{
    public override bool Matches(JsonNode? value) => expected.GetValueKind() switch
    {
        JsonValueKind.String => AsString(value) == expected.GetValue<string>(),
        JsonValueKind.Number => TryInteger(value, out var integer) && integer == expected.GetValue<long>(),
        var kind => value?.GetValueKind() == kind,
    };
}

/// <summary><c>{"any": […]}</c> of strings or of integers.</summary>
internal sealed class FakeMatchAny(IReadOnlySet<string> strings, IReadOnlySet<long> integers) : FakeValueMatch
{
    public override bool Matches(JsonNode? value) =>
        AsString(value) is { } text ? strings.Contains(text) : TryInteger(value, out var integer) && integers.Contains(integer);
}

/// <summary>
/// <c>{"except": […]}</c> with Qdrant's rules for other types: a null never matches, a bool, object or nested array always
/// does, a string or number of the other kind than the list always does.
/// </summary>
internal sealed class FakeMatchExcept(IReadOnlySet<string>? strings, IReadOnlySet<long>? integers) : FakeValueMatch
{
    public override bool Matches(JsonNode? value)
    {
        if (value is null)
        {
            return false;
        }
        if (strings is not null && AsString(value) is { } text)
        {
            return !strings.Contains(text);
        }
        if (integers is not null && FakeJson.IsNumber(value))
        {
            return !TryInteger(value, out var integer) || !integers.Contains(integer);
        }
        return true;
    }
}

/// <summary>
/// <c>{"text": …}</c>, <c>{"phrase": …}</c>, <c>{"text_any": …}</c>, <c>{"prefix": …}</c> on a string, checked as Qdrant
/// checks them without a full-text index (substring; any whitespace token for text_any). With a text index Qdrant matches
/// tokens instead; the fake always uses the index-less rule.
/// </summary>
internal sealed class FakeMatchText(string text, bool anyToken, bool prefix) : FakeValueMatch
{
    public override bool Matches(JsonNode? value) => AsString(value) is { } stored && (
        prefix ? stored.StartsWith(text, StringComparison.Ordinal)
        : anyToken ? text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Any(token => stored.Contains(token, StringComparison.Ordinal))
        : stored.Contains(text, StringComparison.Ordinal));
}

/// <summary><c>range</c>: numeric bounds against numbers, or datetime bounds (strings) against parseable datetime strings.</summary>
internal sealed class FakeRange(bool isDatetime, double? gt, double? gte, double? lt, double? lte) : FakeValueMatch
{
    public override bool Matches(JsonNode? value)
    {
        double number;
        if (isDatetime)
        {
            if (!FakeDateTime.TryParseMicros(value, out var micros))
            {
                return false;
            }
            number = micros;
        }
        else if (FakeJson.IsNumber(value))
        {
            number = value!.GetValue<double>();
        }
        else
        {
            return false;
        }
        return (gt is null || number > gt) && (gte is null || number >= gte) && (lt is null || number < lt) && (lte is null || number <= lte);
    }
}

/// <summary><c>values_count</c> bounds.</summary>
internal sealed class FakeValuesCount(long? gt, long? gte, long? lt, long? lte)
{
    public bool Matches(long count) =>
        (gt is null || count > gt) && (gte is null || count >= gte) && (lt is null || count < lt) && (lte is null || count <= lte);
}
