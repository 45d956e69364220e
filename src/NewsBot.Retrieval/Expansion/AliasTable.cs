using System.Reflection;
using System.Text.RegularExpressions;

namespace NewsBot.Retrieval.Expansion;

/// <summary>
/// Other names for what a question names: "Big Blue" also searches "IBM", "Trainium" also searches "AWS". Stories
/// use one name, people another; keyword search alone cannot bridge them.
/// </summary>
public sealed partial class AliasTable
{
    private readonly List<(string Name, Regex Pattern, string[] Expansions)> _rules;

    private AliasTable(List<(string, Regex, string[])> rules) => _rules = rules;

    /// <summary>The table shipped with NewsBot (<c>Expansion/aliases.txt</c>).</summary>
    public static AliasTable Default { get; } = Parse(ReadEmbedded());

    public int RuleCount => _rules.Count;

    /// <summary>The names to search alongside <paramref name="question"/>'s own words (none it already contains).</summary>
    public IReadOnlyList<string> Expand(string question)
    {
        var expansions = new List<string>();
        foreach (var (_, pattern, names) in _rules)
        {
            if (!pattern.IsMatch(question)) continue;
            foreach (var name in names)
                if (!expansions.Contains(name, StringComparer.OrdinalIgnoreCase) && !Mentions(question, name))
                    expansions.Add(name);
        }
        return expansions;
    }

    /// <summary>Each name of the table that <paramref name="question"/> mentions, with its other names.</summary>
    public IEnumerable<(string Name, IReadOnlyList<string> OtherNames)> Matches(string question) =>
        _rules.Where(r => r.Pattern.IsMatch(question)).Select(r => (r.Name, (IReadOnlyList<string>)r.Expansions));

    /// <summary>Parses the table format: <c>a = b = c</c> (equivalent names) and <c>a =&gt; b, c</c> (a implies b and c).</summary>
    public static AliasTable Parse(string text)
    {
        var rules = new List<(string, Regex, string[])>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.Contains("=>"))
            {
                var parts = line.Split("=>", 2);
                var implied = Names(parts[1].Split(','), lineNumber);
                var name = Names([parts[0]], lineNumber)[0];
                rules.Add((name, NamePattern(name), implied));
            }
            else
            {
                var group = Names(line.Split('='), lineNumber);
                if (group.Length < 2) throw new FormatException($"Alias line {lineNumber} names one thing; write 'a = b' or 'a => b'.");
                foreach (var name in group) rules.Add((name, NamePattern(name), group.Where(n => n != name).ToArray()));
            }
        }
        return new AliasTable(rules);
    }

    private static string[] Names(IEnumerable<string> parts, int lineNumber)
    {
        var names = parts.Select(p => p.Trim().ToLowerInvariant()).ToArray();
        if (names.Any(n => n.Length == 0)) throw new FormatException($"Alias line {lineNumber} has an empty name.");
        return names;
    }

    private static bool Mentions(string question, string name) => NamePattern(name).IsMatch(question);

    // Whole words only ("uk" must not match "Ukraine"); a version number, possessive or plural still matches
    // ("Trainium3", "Google's", "TPUs").
    private static Regex NamePattern(string name) =>
        new($@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(name).Replace(@"\ ", @"[\s-]+")}(?:\d+(?:\.\d+)?)?(?:'s|’s|s)?(?![\p{{L}}\p{{N}}])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static string ReadEmbedded()
    {
        var assembly = typeof(AliasTable).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("aliases.txt", StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd();
    }
}
