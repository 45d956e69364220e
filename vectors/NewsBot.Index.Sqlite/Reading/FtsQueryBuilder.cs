namespace NewsBot.Index.Sqlite.Reading;

/// <summary>
/// Builds the FTS5 MATCH expression for a keyword query: each term as a quoted string, any of them matching.
/// Quoting keeps FTS5 syntax (AND, NEAR, *, :, -) in a term from being read as an operator.
/// </summary>
internal static class FtsQueryBuilder
{
    public static string Build(IEnumerable<string> terms) =>
        string.Join(" OR ", terms.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
}
