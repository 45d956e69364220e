namespace NewsBot.Ingestion.Readers.Digest;

/// <summary>
/// The few Jekyll front matter fields a digest needs, read by hand: the block is YAML-ish rather than YAML
/// (unterminated quotes, blank lines, a closing "---" glued to the first heading as in "---### Top News").
/// </summary>
internal sealed record FrontMatter(string? Title, string? Permalink, string? Redirect, IReadOnlyList<string> Categories)
{
    /// <summary>Where the front matter ends: the body's lines, starting with what followed the closing "---".</summary>
    internal sealed record Split(FrontMatter FrontMatter, IReadOnlyList<string> Body);

    /// <summary>Null when <paramref name="lines"/> has no complete front matter block.</summary>
    public static Split? TrySplit(IReadOnlyList<string> lines)
    {
        var first = FirstContentLine(lines);
        if (first < 0 || lines[first].Trim().TrimStart('\uFEFF') != "---") return null;
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var categories = new List<string>();
        string? listKey = null;
        for (var i = first + 1; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.StartsWith("---", StringComparison.Ordinal) && IsClosing(line))
            {
                var body = new List<string>();
                var glued = line[3..].TrimStart('-').Trim();
                if (glued.Length > 0) body.Add(glued);
                var rest = glued.Length > 0 ? i + 1 : SkipSpilledFields(lines, i + 1, fields);
                for (var j = rest; j < lines.Count; j++) body.Add(lines[j]);
                var frontMatter = new FrontMatter(Get(fields, "title"), Get(fields, "permalink"), Get(fields, "redirect"), categories);
                return new Split(frontMatter, body);
            }
            if (line.Length == 0 || char.IsWhiteSpace(line[0]))
            {
                if (listKey == "categories" && line.TrimStart().StartsWith("- ", StringComparison.Ordinal))
                    categories.Add(Unquote(line.TrimStart()[2..]));
                continue;
            }
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            listKey = key.ToLowerInvariant();
            if (listKey == "categories") categories.AddRange(ParseList(value));
            else fields.TryAdd(key, Unquote(value));
        }
        return null;
    }

    /// <summary>True when the text opens with "---" (after a BOM, blank lines or a ```markdown fence).</summary>
    public static bool StartsWithFrontMatter(IReadOnlyList<string> lines) =>
        FirstContentLine(lines) is var i and >= 0 && lines[i].Trim().TrimStart('\uFEFF') == "---";

    // "---" alone closes; so does "---### Top News", where the first heading was glued onto it.
    private static bool IsClosing(string line)
    {
        var rest = line.TrimStart('-');
        return rest.Trim().Length == 0 || rest.StartsWith('#');
    }

    /// <summary>Some digests put "redirect: …" just below the closing "---"; it still belongs to the front matter.</summary>
    private static int SkipSpilledFields(IReadOnlyList<string> lines, int start, Dictionary<string, string> fields)
    {
        var bodyStart = start;
        for (var i = start; i < lines.Count; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            if (!line.StartsWith("redirect:", StringComparison.OrdinalIgnoreCase)) break;
            fields.TryAdd("redirect", Unquote(line["redirect:".Length..].Trim()));
            bodyStart = i + 1;
        }
        return bodyStart;
    }

    // Two digests are wrapped in a ```markdown fence; their front matter starts inside it.
    private static int FirstContentLine(IReadOnlyList<string> lines)
    {
        var first = NextNonBlank(lines, 0);
        return first >= 0 && lines[first].TrimStart('\uFEFF').StartsWith("```", StringComparison.Ordinal) ? NextNonBlank(lines, first + 1) : first;
    }

    private static int NextNonBlank(IReadOnlyList<string> lines, int from)
    {
        for (var i = from; i < lines.Count; i++)
            if (lines[i].Trim().TrimStart('\uFEFF').Length > 0) return i;
        return -1;
    }

    private static IEnumerable<string> ParseList(string value)
    {
        var inner = value.Trim();
        if (inner.StartsWith('[')) inner = inner.Trim('[', ']');
        return inner.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Unquote);
    }

    /// <summary>Strips YAML quotes; an unterminated quote (seen in real excerpts) just loses its opening mark.</summary>
    private static string Unquote(string value)
    {
        if (value.Length == 0 || (value[0] != '"' && value[0] != '\'')) return value;
        var quote = value[0];
        var close = value.LastIndexOf(quote);
        var inner = close > 0 ? value[1..close] : value[1..];
        return quote == '"' ? inner.Replace("\\\"", "\"").Replace("\\\\", "\\") : inner.Replace("''", "'");
    }

    private static string? Get(Dictionary<string, string> fields, string key) =>
        fields.TryGetValue(key, out var v) && v.Trim().Length > 0 ? v.Trim() : null;
}
