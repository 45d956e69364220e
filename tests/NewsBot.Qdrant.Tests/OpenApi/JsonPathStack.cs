using System.Text;

namespace NewsBot.Qdrant.Tests.OpenApi;

/// <summary>
/// Where the validator is in the value being checked. Entering a member or item pushes a segment without
/// allocating; the <c>$.a[0].b</c> text is only built when a violation is reported.
/// </summary>
internal sealed class JsonPathStack
{
    private readonly List<Segment> segments = [];

    public int Depth => segments.Count;

    public void Push(string propertyName) => segments.Add(new Segment(propertyName, -1));
    public void Push(int index) => segments.Add(new Segment(null, index));
    public void Pop() => segments.RemoveAt(segments.Count - 1);

    public override string ToString()
    {
        var text = new StringBuilder("$");
        foreach (var segment in segments)
        {
            if (segment.Name is null) text.Append('[').Append(segment.Index).Append(']');
            else if (IsIdentifier(segment.Name)) text.Append('.').Append(segment.Name);
            else text.Append('[').Append(JsonValues.Quote(segment.Name)).Append(']');
        }
        return text.ToString();
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.AsSpan().IndexOfAnyExcept(IdentifierChars) < 0;

    private static readonly System.Buffers.SearchValues<char> IdentifierChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    private readonly record struct Segment(string? Name, int Index);
}
