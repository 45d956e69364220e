namespace NewsBot.Qdrant.Tests.OpenApi;

/// <summary>
/// One fault found in a value. <see cref="Expected"/> is set for a wrong JSON type, so the type faults of several
/// <c>anyOf</c> branches can be merged into one "expected an array or an object" message.
/// </summary>
internal readonly record struct Violation(string Path, int Depth, string Reason, ViolationKind Kind, JsonTypes Expected = JsonTypes.None)
{
    public override string ToString() => $"{Path}: {Reason}";
}

/// <summary>What sort of fault a violation is; the shape faults tell an <c>anyOf</c> branch meant for other values.</summary>
internal enum ViolationKind
{
    /// <summary>A value of the right type that breaks a constraint: a bound, an enum, a format.</summary>
    Value,
    WrongType,
    MissingProperty,
    UnknownProperty,
}

/// <summary>Collects violations up to a limit, so one bad 500-point batch does not yield 500 messages.</summary>
internal sealed class ViolationSink(int capacity)
{
    // One more than is reported is kept: it shows that some went unreported.
    private readonly List<Violation> items = [];

    public IReadOnlyList<Violation> Items => items;

    public bool IsFull => items.Count > capacity;

    public void Add(Violation violation)
    {
        if (!IsFull) items.Add(violation);
    }

    public void AddRange(ViolationSink other)
    {
        foreach (var violation in other.items) Add(violation);
    }

    public IReadOnlyList<string> ToMessages()
    {
        var messages = items.Take(capacity).Select(v => v.ToString()).ToList();
        if (items.Count > capacity) messages.Add("(further violations were not reported)");
        return messages;
    }
}
