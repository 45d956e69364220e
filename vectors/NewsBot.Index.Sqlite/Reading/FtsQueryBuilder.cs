namespace NewsBot.Index.Sqlite.Reading;

/// <summary>
/// Builds the FTS5 MATCH expression for a keyword query: each distinct term as a quoted string, any of them
/// matching. Quoting keeps FTS5 syntax (AND, NEAR, *, :, -) in a term from being read as an operator.
/// </summary>
internal static class FtsQueryBuilder
{
    /// <summary>The expression, or null when no term is left to search for.</summary>
    public static string? Build(IEnumerable<string> terms)
    {
        var quoted = terms
            .Where(t => !string.IsNullOrWhiteSpace(t))
            .Distinct(StringComparer.Ordinal)
            .Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")
            .ToList();
        return quoted.Count == 0 ? null : string.Join(" OR ", quoted);
    }
}
