namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>What a condition is checked against: a payload, and the point it belongs to (none inside a nested filter).</summary>
internal readonly record struct FakeFilterSubject(JsonObject Payload, FakePoint? Point);

/// <summary>A filter condition, evaluated as lib/segment/src/payload_storage/query_checker.rs evaluates it.</summary>
internal abstract class FakeCondition
{
    public abstract bool Matches(FakeFilterSubject subject);
}

/// <summary>
/// <c>Filter</c>: all of <c>must</c>, none of <c>must_not</c>, at least one of <c>should</c> (an empty <c>should</c> list
/// matches nothing, as <c>iter().any</c> does), and at least <c>min_count</c> of <c>min_should</c>.
/// </summary>
internal sealed class FakeFilter(
    IReadOnlyList<FakeCondition>? must,
    IReadOnlyList<FakeCondition>? should,
    IReadOnlyList<FakeCondition>? mustNot,
    FakeMinShould? minShould) : FakeCondition
{
    public IReadOnlyList<FakeCondition>? Must { get; } = must;

    public IReadOnlyList<FakeCondition>? Should { get; } = should;

    public IReadOnlyList<FakeCondition>? MustNot { get; } = mustNot;

    public FakeMinShould? MinShould { get; } = minShould;

    public bool Matches(FakePoint point) => Matches(new FakeFilterSubject(point.Payload, point));

    public override bool Matches(FakeFilterSubject subject) =>
        (Should is null || Should.Any(condition => condition.Matches(subject)))
        && (MinShould is null || MinShould.Conditions.Count(condition => condition.Matches(subject)) >= MinShould.MinCount)
        && (Must is null || Must.All(condition => condition.Matches(subject)))
        && (MustNot is null || !MustNot.Any(condition => condition.Matches(subject)));

    /// <summary>
    /// Qdrant's <c>Filter::merge</c> (lib/segment/src/types.rs), used to push a query's filter into its prefetches and to
    /// add group-by's own conditions: each list is concatenated, so two <c>should</c> lists become one (any of both).
    /// </summary>
    public static FakeFilter? Merge(FakeFilter? first, FakeFilter? second)
    {
        if (first is null || second is null)
        {
            return first ?? second;
        }
        return new FakeFilter(
            Concat(first.Must, second.Must),
            Concat(first.Should, second.Should),
            Concat(first.MustNot, second.MustNot),
            (first.MinShould, second.MinShould) switch
            {
                (null, var only) => only,
                (var only, null) => only,
                // Not verified in Qdrant's source: the fake joins the lists and adds the counts.
                var (a, b) => new FakeMinShould([.. a.Conditions, .. b.Conditions], a.MinCount + b.MinCount),
            });
    }

    private static IReadOnlyList<FakeCondition>? Concat(IReadOnlyList<FakeCondition>? a, IReadOnlyList<FakeCondition>? b) =>
        a is null ? b : b is null ? a : [.. a, .. b];

    public static FakeFilter MustOf(params FakeCondition[] conditions) => new(conditions, null, null, null);

    public static FakeFilter MustNotOf(params FakeCondition[] conditions) => new(null, null, conditions, null);
}

internal sealed record FakeMinShould(IReadOnlyList<FakeCondition> Conditions, int MinCount);

/// <summary><c>has_id</c>: the point's id is one of these (never inside a nested filter).</summary>
internal sealed class FakeHasIdCondition(IReadOnlySet<FakePointId> ids) : FakeCondition
{
    public override bool Matches(FakeFilterSubject subject) => subject.Point is { } point && ids.Contains(point.Id);
}

/// <summary><c>has_vector</c>: the point holds that named vector (it was given, and not deleted since).</summary>
internal sealed class FakeHasVectorCondition(string vectorName) : FakeCondition
{
    public override bool Matches(FakeFilterSubject subject) => subject.Point?.Vectors.ContainsKey(vectorName) ?? false;
}

/// <summary>
/// <c>is_empty</c>: every value at the key is null or an empty array, so a missing key is empty too
/// (<c>check_is_empty</c>, lib/segment/src/common/utils.rs).
/// </summary>
internal sealed class FakeIsEmptyCondition(FakeJsonPath key) : FakeCondition
{
    public override bool Matches(FakeFilterSubject subject) =>
        key.Values(subject.Payload).All(value => value is null || value is JsonArray { Count: 0 });
}

/// <summary><c>is_null</c>: some value at the key is null; a missing key or <c>[null]</c> is not (<c>check_is_null</c>).</summary>
internal sealed class FakeIsNullCondition(FakeJsonPath key) : FakeCondition
{
    public override bool Matches(FakeFilterSubject subject) => key.Values(subject.Payload).Any(value => value is null);
}

/// <summary><c>nested</c>: some object of the array at the key matches the inner filter on its own.</summary>
internal sealed class FakeNestedCondition(FakeJsonPath arrayElements, FakeFilter filter) : FakeCondition
{
    public override bool Matches(FakeFilterSubject subject) => arrayElements.Values(subject.Payload)
        .OfType<JsonObject>()
        .Any(element => filter.Matches(new FakeFilterSubject(element, null)));
}
