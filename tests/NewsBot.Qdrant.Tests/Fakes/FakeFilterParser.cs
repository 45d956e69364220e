namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>
/// Reads a <c>Filter</c> (and its <c>Condition</c>s) from a request. <c>must</c>, <c>should</c> and <c>must_not</c> take one
/// condition or a list; a condition is recognised by its keys as serde's untagged enum recognises it. Geo conditions and
/// slices are not implemented by the fake.
/// </summary>
internal static class FakeFilterParser
{
    private static readonly string[] FilterKeys = ["must", "should", "must_not", "min_should"];

    public static FakeFilter? ParseOptional(JsonObject owner, string key) => owner[key] is { } node ? Parse(node) : null;

    public static FakeFilter Parse(JsonNode node)
    {
        var obj = FakeJson.Object(node, "filter");
        foreach (var (key, _) in obj)
        {
            if (!FilterKeys.Contains(key))
            {
                // Filter is #[serde(deny_unknown_fields)].
                throw FakeQdrantErrors.FormatError($"unknown field `{key}`, expected one of `should`, `min_should`, `must`, `must_not`");
            }
        }
        FakeMinShould? minShould = null;
        if (FakeJson.OptionalObject(obj, "min_should") is { } minShouldNode)
        {
            var conditions = Conditions(minShouldNode["conditions"]) ?? throw FakeQdrantErrors.FormatError("missing field `conditions`");
            var minCount = FakeJson.OptionalCount(minShouldNode, "min_count") ?? throw FakeQdrantErrors.FormatError("missing field `min_count`");
            minShould = new FakeMinShould(conditions, minCount);
        }
        return new FakeFilter(Conditions(obj["must"]), Conditions(obj["should"]), Conditions(obj["must_not"]), minShould);
    }

    private static IReadOnlyList<FakeCondition>? Conditions(JsonNode? node) => node switch
    {
        null => null,
        JsonArray array => array.Select(Condition).ToList(),
        _ => [Condition(node)],
    };

    private static FakeCondition Condition(JsonNode? node)
    {
        var obj = FakeJson.Object(node, "condition");
        if (obj.ContainsKey("key"))
        {
            return Field(obj);
        }
        if (obj["is_empty"] is { } isEmpty)
        {
            return new FakeIsEmptyCondition(PayloadFieldKey(isEmpty));
        }
        if (obj["is_null"] is { } isNull)
        {
            return new FakeIsNullCondition(PayloadFieldKey(isNull));
        }
        if (obj["has_id"] is { } hasId)
        {
            var ids = (hasId as JsonArray ?? throw FakeJson.TypeError(hasId, "a sequence (has_id)")).Select(FakePointId.FromJson);
            return new FakeHasIdCondition(ids.ToHashSet());
        }
        if (obj["has_vector"] is { } hasVector)
        {
            return new FakeHasVectorCondition(FakeJson.String(hasVector, "has_vector"));
        }
        if (obj["nested"] is { } nestedNode)
        {
            var nested = FakeJson.Object(nestedNode, "nested");
            var key = FakeJson.OptionalString(nested, "key") ?? throw FakeQdrantErrors.FormatError("missing field `key`");
            var filter = nested["filter"] is { } inner ? Parse(inner) : throw FakeQdrantErrors.FormatError("missing field `filter`");
            // Nested::array_key: the key with `[]` appended, so the filter runs on each element of the array.
            return new FakeNestedCondition(FakeJsonPath.Parse(key.EndsWith("[]", StringComparison.Ordinal) ? key : key + "[]"), filter);
        }
        if (obj.ContainsKey("slice"))
        {
            throw FakeQdrantErrors.NotImplementedByFake("The slice condition");
        }
        if (obj.Count == 0 || obj.Any(property => FilterKeys.Contains(property.Key)))
        {
            return Parse(obj);
        }
        throw FakeQdrantErrors.FormatError("data did not match any variant of untagged enum Condition");
    }

    private static FakeJsonPath PayloadFieldKey(JsonNode node)
    {
        var field = FakeJson.Object(node, "PayloadField");
        return FakeJsonPath.Parse(FakeJson.OptionalString(field, "key") ?? throw FakeQdrantErrors.FormatError("missing field `key`"));
    }

    private static FakeFieldCondition Field(JsonObject obj)
    {
        var key = FakeJsonPath.Parse(FakeJson.OptionalString(obj, "key")!);
        if (obj["geo_radius"] is not null || obj["geo_bounding_box"] is not null || obj["geo_polygon"] is not null)
        {
            throw FakeQdrantErrors.NotImplementedByFake("Geo filtering");
        }
        FakeValuesCount? valuesCount = null;
        if (FakeJson.OptionalObject(obj, "values_count") is { } count)
        {
            valuesCount = new FakeValuesCount(
                FakeJson.OptionalInteger(count, "gt"),
                FakeJson.OptionalInteger(count, "gte"),
                FakeJson.OptionalInteger(count, "lt"),
                FakeJson.OptionalInteger(count, "lte"));
        }
        var match = obj["match"] is { } matchNode ? Match(FakeJson.Object(matchNode, "match")) : null;
        var range = obj["range"] is { } rangeNode ? Range(FakeJson.Object(rangeNode, "range")) : null;
        return new FakeFieldCondition(
            key,
            match,
            range,
            valuesCount,
            FakeJson.OptionalBool(obj, "is_empty"),
            FakeJson.OptionalBool(obj, "is_null"));
    }

    private static FakeValueMatch Match(JsonObject match)
    {
        if (match["value"] is { } value)
        {
            return value.GetValueKind() switch
            {
                JsonValueKind.String or JsonValueKind.True or JsonValueKind.False => new FakeMatchValue(value),
                JsonValueKind.Number when value.AsValue().TryGetValue<long>(out _) => new FakeMatchValue(value),
                _ => throw FakeQdrantErrors.FormatError("data did not match any variant of untagged enum ValueVariants"),
            };
        }
        if (match["any"] is { } any)
        {
            var (strings, integers) = Variants(any, "any");
            return new FakeMatchAny(strings ?? new HashSet<string>(), integers ?? new HashSet<long>());
        }
        if (match["except"] is { } except)
        {
            var (strings, integers) = Variants(except, "except");
            return new FakeMatchExcept(strings, integers);
        }
        if (FakeJson.OptionalString(match, "text") is { } text)
        {
            return new FakeMatchText(text, anyToken: false, prefix: false);
        }
        if (FakeJson.OptionalString(match, "phrase") is { } phrase)
        {
            return new FakeMatchText(phrase, anyToken: false, prefix: false);
        }
        if (FakeJson.OptionalString(match, "text_any") is { } textAny)
        {
            return new FakeMatchText(textAny, anyToken: true, prefix: false);
        }
        if (FakeJson.OptionalString(match, "prefix") is { } prefix)
        {
            return new FakeMatchText(prefix, anyToken: false, prefix: true);
        }
        throw FakeQdrantErrors.FormatError("data did not match any variant of untagged enum Match");
    }

    /// <summary><c>AnyVariants</c>: all strings or all integers; an empty list is the (empty) string list.</summary>
    private static (HashSet<string>? Strings, HashSet<long>? Integers) Variants(JsonNode node, string field)
    {
        var array = node as JsonArray ?? throw FakeJson.TypeError(node, $"a sequence ({field})");
        if (array.All(FakeJson.IsString))
        {
            return (array.Select(element => element!.GetValue<string>()).ToHashSet(StringComparer.Ordinal), null);
        }
        if (array.All(element => FakeJson.IsNumber(element) && element!.AsValue().TryGetValue<long>(out _)))
        {
            return (null, array.Select(element => element!.GetValue<long>()).ToHashSet());
        }
        throw FakeQdrantErrors.FormatError("data did not match any variant of untagged enum AnyVariants");
    }

    /// <summary>
    /// <c>RangeInterface</c> is untagged: <c>Range</c> (numbers) first, then <c>DatetimeRange</c> (strings). So a range whose
    /// bounds are strings is a datetime range; it then matches payload strings that parse as datetimes.
    /// </summary>
    private static FakeRange Range(JsonObject range)
    {
        var bounds = new[] { "gt", "gte", "lt", "lte" }.Select(bound => range[bound]).ToArray();
        if (bounds.All(bound => bound is null || FakeJson.IsNumber(bound)))
        {
            return new FakeRange(false, Number(bounds[0]), Number(bounds[1]), Number(bounds[2]), Number(bounds[3]));
        }
        if (bounds.All(bound => bound is null || FakeJson.IsString(bound)))
        {
            return new FakeRange(true, Datetime(bounds[0]), Datetime(bounds[1]), Datetime(bounds[2]), Datetime(bounds[3]));
        }
        throw FakeQdrantErrors.FormatError("data did not match any variant of untagged enum RangeInterface");

        static double? Number(JsonNode? bound) => bound?.GetValue<double>();

        static double? Datetime(JsonNode? bound) => bound is null ? null : FakeDateTime.ParseRequestMicros(bound.GetValue<string>());
    }
}
