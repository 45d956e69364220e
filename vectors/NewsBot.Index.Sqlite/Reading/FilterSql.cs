using Microsoft.Data.Sqlite;
using NewsBot.Domain;

namespace NewsBot.Index.Sqlite.Reading;

/// <summary>
/// A <see cref="SearchFilter"/> as one fixed SQL condition over the <c>stories</c> row aliased <c>s</c>: an unset
/// part binds NULL and drops out, so the statement text never varies and every value is a parameter.
/// A story without a date fails any date bound, as NULL comparisons do.
/// </summary>
internal static class FilterSql
{
    public const string Condition = """
        (@from IS NULL OR s.date >= @from)
        AND (@to IS NULL OR s.date <= @to)
        AND (@publications IS NULL OR s.publication COLLATE NOCASE IN (SELECT value FROM json_each(@publications)))
        AND (@kinds IS NULL OR s.kind IN (SELECT value FROM json_each(@kinds)))
        """;

    public static void Bind(SqliteCommand command, SearchFilter filter)
    {
        command.Parameters.AddWithValue("@from", DbValues.Date(filter.From));
        command.Parameters.AddWithValue("@to", DbValues.Date(filter.To));
        command.Parameters.AddWithValue("@publications",
            filter.Publications is { Count: > 0 } publications ? DbValues.Strings(publications) : DBNull.Value);
        command.Parameters.AddWithValue("@kinds",
            filter.Kinds is { Count: > 0 } kinds ? DbValues.Strings(kinds.Select(DbValues.Kind)) : DBNull.Value);
    }
}
