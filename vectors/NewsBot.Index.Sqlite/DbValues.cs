using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using NewsBot.Domain;

namespace NewsBot.Index.Sqlite;

/// <summary>How values are written to and read from columns: dates as ISO yyyy-MM-dd text, kinds by name, lists as JSON.</summary>
internal static class DbValues
{
    private const string DateFormat = "yyyy-MM-dd";

    public static object Date(DateOnly? date) => date?.ToString(DateFormat, CultureInfo.InvariantCulture) ?? (object)DBNull.Value;

    public static DateOnly? ReadDate(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateOnly.ParseExact(reader.GetString(ordinal), DateFormat, CultureInfo.InvariantCulture);

    public static string Kind(DocumentKind kind) => kind.ToString();

    public static DocumentKind ReadKind(SqliteDataReader reader, int ordinal) => Enum.Parse<DocumentKind>(reader.GetString(ordinal));

    public static object Nullable(string? value) => value ?? (object)DBNull.Value;

    public static object Nullable(int? value) => value ?? (object)DBNull.Value;

    public static string? ReadString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static int? ReadInt(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    /// <summary>
    /// A list as a JSON array: how list columns are stored, and how a list is passed to <c>json_each</c> as one
    /// parameter instead of SQL text that varies with the list's length.
    /// </summary>
    public static string Strings(IEnumerable<string> values) => JsonSerializer.Serialize(values.ToArray(), StoreJson.Default.StringArray);

    public static IReadOnlyList<string> ReadStrings(SqliteDataReader reader, int ordinal) =>
        JsonSerializer.Deserialize(reader.GetString(ordinal), StoreJson.Default.StringArray) ?? [];

    public static string Links(IReadOnlyList<Link> links) => JsonSerializer.Serialize(links.ToArray(), StoreJson.Default.LinkArray);

    public static IReadOnlyList<Link> ReadLinks(SqliteDataReader reader, int ordinal) =>
        JsonSerializer.Deserialize(reader.GetString(ordinal), StoreJson.Default.LinkArray) ?? [];
}

[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(Link[]))]
internal sealed partial class StoreJson : JsonSerializerContext;
