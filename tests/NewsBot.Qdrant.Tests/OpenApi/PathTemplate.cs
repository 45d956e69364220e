namespace NewsBot.Qdrant.Tests.OpenApi;

/// <summary>A path of the document such as <c>/collections/{collection_name}/points/query</c>.</summary>
internal sealed class PathTemplate
{
    private readonly string?[] literals;   // null where the segment is a {parameter}

    public PathTemplate(string text)
    {
        Text = text;
        literals = [.. Segments(text).Select(s => s.StartsWith('{') && s.EndsWith('}') ? null : s)];
    }

    public string Text { get; }

    public static string[] Segments(string path) => path.Trim('/').Split('/');

    public bool Matches(string[] segments)
    {
        if (segments.Length != literals.Length) return false;
        for (var i = 0; i < literals.Length; i++)
        {
            var matches = literals[i] is { } literal ? segments[i] == literal : segments[i].Length > 0;
            if (!matches) return false;
        }
        return true;
    }

    /// <summary>
    /// Orders templates so that, at the first segment where they differ in kind, a literal comes before a parameter:
    /// <c>/collections/aliases</c> is tried before <c>/collections/{collection_name}</c>.
    /// </summary>
    public static int CompareSpecificity(PathTemplate a, PathTemplate b)
    {
        for (var i = 0; i < Math.Min(a.literals.Length, b.literals.Length); i++)
        {
            var byKind = (a.literals[i] is null).CompareTo(b.literals[i] is null);
            if (byKind != 0) return byKind;
        }
        return string.CompareOrdinal(a.Text, b.Text);
    }

    public override string ToString() => Text;
}
