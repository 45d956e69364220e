namespace NewsBot.Qdrant.Tests.OpenApi;

/// <summary>Which member names a schema declares: to accept a member an <c>allOf</c> branch declares, and to hint at a misspelling.</summary>
internal static class DeclaredNames
{
    private const int MaxListed = 15;
    private const int MaxNesting = 32;

    /// <summary>Whether a branch of <paramref name="schema"/>'s <c>allOf</c> declares or admits <paramref name="name"/>.</summary>
    public static bool AllOfDeclares(Schema schema, string name) =>
        schema.AllOf is { } branches && branches.Any(b => Admits(b, name, MaxNesting));

    /// <summary>" (did you mean "prefetch"?); QueryRequest declares: ..." — the text that follows "unknown property".</summary>
    public static string Hint(Schema schema, string name)
    {
        var declared = new List<string>();
        Collect(schema, declared, MaxNesting);
        if (declared.Count == 0) return $"; {Owner(schema)} declares no properties";

        var closest = declared.MinBy(d => EditDistance(d, name));
        var suggestion = closest is not null && EditDistance(closest, name) <= Math.Max(1, name.Length / 4)
            ? $" (did you mean \"{closest}\"?)"
            : "";
        var listed = string.Join(", ", declared.Take(MaxListed)) + (declared.Count > MaxListed ? ", ..." : "");
        return $"{suggestion}; {Owner(schema)} declares: {listed}";
    }

    private static string Owner(Schema schema) => schema.ComponentName ?? "the schema";

    private static bool Admits(Schema schema, string name, int budget)
    {
        schema = Resolve(schema);
        if (budget == 0) return true;
        if (schema.Properties?.ContainsKey(name) == true) return true;
        if (schema.Additional is AdditionalProperties.Allowed or AdditionalProperties.Schema) return true;
        // A branch's own alternatives are unknown until the value is checked against them; count them all as declared.
        return Branches(schema).Any(b => Admits(b, name, budget - 1));
    }

    private static void Collect(Schema schema, List<string> names, int budget)
    {
        schema = Resolve(schema);
        if (budget == 0) return;
        foreach (var name in schema.Properties?.Keys ?? Enumerable.Empty<string>())
            if (!names.Contains(name)) names.Add(name);
        foreach (var branch in schema.AllOf ?? []) Collect(branch, names, budget - 1);
    }

    private static IEnumerable<Schema> Branches(Schema schema) =>
        (schema.AllOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.OneOf ?? []);

    private static Schema Resolve(Schema schema)
    {
        while (schema.Reference is { } reference) schema = reference.Target;
        return schema;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
