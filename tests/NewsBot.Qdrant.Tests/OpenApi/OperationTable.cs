namespace NewsBot.Qdrant.Tests.OpenApi;

/// <summary>Finds the operation a concrete request (<c>POST /collections/news/points/query</c>) is sent to.</summary>
internal sealed class OperationTable
{
    private readonly List<(PathTemplate Path, Dictionary<string, ApiOperation> ByMethod)> paths;

    public OperationTable(IEnumerable<ApiOperation> operations)
    {
        paths = [.. operations
            .GroupBy(o => o.Path.Text, StringComparer.Ordinal)
            .Select(g => (g.First().Path, g.ToDictionary(o => o.Method, StringComparer.OrdinalIgnoreCase)))
            .OrderBy(p => p.Path, Comparer<PathTemplate>.Create(PathTemplate.CompareSpecificity))];
    }

    /// <summary>
    /// The most specific template that matches the path and has the method. Like Qdrant's router, a literal
    /// template that lacks the method does not hide a templated one that has it: <c>PUT /collections/aliases</c>
    /// creates a collection named "aliases".
    /// </summary>
    public bool TryFind(string method, string path, out ApiOperation? operation, out string? problem)
    {
        var queryStart = path.IndexOf('?', StringComparison.Ordinal);
        var segments = PathTemplate.Segments(queryStart < 0 ? path : path[..queryStart]);
        var allowedMethods = new SortedSet<string>(StringComparer.Ordinal);
        var matchedAny = false;
        foreach (var (template, byMethod) in paths)
        {
            if (!template.Matches(segments)) continue;
            if (byMethod.TryGetValue(method, out operation))
            {
                problem = null;
                return true;
            }
            matchedAny = true;
            allowedMethods.UnionWith(byMethod.Keys.Select(m => m.ToUpperInvariant()));
        }

        operation = null;
        problem = matchedAny
            ? $"{method.ToUpperInvariant()} {path}: the API has no {method.ToUpperInvariant()} operation on this path (it allows {string.Join(", ", allowedMethods)})"
            : $"{method.ToUpperInvariant()} {path}: no path of the API matches";
        return false;
    }
}
