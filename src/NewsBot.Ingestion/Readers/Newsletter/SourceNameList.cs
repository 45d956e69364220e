namespace NewsBot.Ingestion.Readers.Newsletter;

/// <summary>Credited source names, each once and in order of first mention.</summary>
internal static class SourceNameList
{
    /// <summary>
    /// Spellings that differ only in case are one source ("fda", "FDA"); the first spelling that is not all
    /// lowercase names it, since a lowercase one is usually a domain slug.
    /// </summary>
    public static IReadOnlyList<string> Distinct(IEnumerable<string> names)
    {
        var order = new List<string>();
        var spelling = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in names)
        {
            if (!spelling.TryGetValue(name, out var kept))
            {
                order.Add(name);
                spelling[name] = name;
            }
            else if (IsAllLower(kept) && !IsAllLower(name))
            {
                spelling[name] = name;
            }
        }
        return order.Select(n => spelling[n]).ToList();
    }

    private static bool IsAllLower(string s) => !s.Any(char.IsUpper);
}
