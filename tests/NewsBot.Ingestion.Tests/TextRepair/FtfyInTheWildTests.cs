using NewsBot.Ingestion.TextRepair;
using Xunit.Abstractions;

namespace NewsBot.Ingestion.Tests.TextRepair;

/// <summary>
/// ftfy's mojibake found in the wild. The repair targets UTF-8 read as Windows-1252, Latin-1 or Mac Roman (once or
/// several times, lossy or not); the cases whose label names another legacy encoding (Windows-1250/1251/1257,
/// ISO-8859-2, code page 437) are out of its scope.
/// </summary>
public sealed class FtfyInTheWildTests(ITestOutputHelper output)
{
    private static readonly string[] OtherEncodings = ["Windows-1250", "Windows-1251", "Windows-1257", "ISO-8859-2", "Codepage 437"];

    private static IEnumerable<FtfyCase> InScope() =>
        FtfyCase.Load("in-the-wild.json").Where(c => !OtherEncodings.Any(e => c.Label.Contains(e, StringComparison.OrdinalIgnoreCase)));

    public static TheoryData<string, string, string> InScopeCases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var c in InScope()) data.Add(c.Label, c.Original, c.Expected);
        return data;
    }

    public static TheoryData<string, string> ExpectedTexts()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in FtfyCase.Load("in-the-wild.json").Concat(FtfyCase.Load("negative.json"))) data.Add(c.Label, c.Expected);
        return data;
    }

    [Fact]
    public void At_least_80_percent_of_the_in_scope_cases_are_fixed()
    {
        var cases = InScope().ToList();
        var notFixed = cases.Where(c => !c.IsMetBy(MojibakeRepair.Repair(c.Original))).ToList();
        var share = (double)(cases.Count - notFixed.Count) / cases.Count;

        output.WriteLine($"Fixed {cases.Count - notFixed.Count} of {cases.Count} in-scope in-the-wild cases ({share:P1}); " +
                         $"{cases.Count(c => c.Original == c.Expected)} of them expect the text to be left as it is.");
        foreach (var c in notFixed) output.WriteLine($"Not fixed: {c.Label}");
        Assert.True(share >= 0.80, $"Only {share:P1} of the in-scope cases were fixed.");
    }

    // A repair may give up on a case, but it must never turn it into some third, wrong text.
    [Theory]
    [MemberData(nameof(InScopeCases))]
    public void Case_is_fixed_or_left_as_it_was(string label, string original, string expected)
    {
        var repaired = MojibakeRepair.Repair(original);
        Assert.True(new FtfyCase(label, original, expected).IsMetBy(repaired) || repaired == original, $"{label}: got {repaired}");
    }

    // Every expected text is correct text, including real Latvian, Hebrew, Croatian digraphs and maths.
    [Theory]
    [MemberData(nameof(ExpectedTexts))]
    public void Correct_text_is_left_alone(string label, string expected)
    {
        var repaired = MojibakeRepair.Repair(expected);
        Assert.True(repaired == expected, $"{label}: changed to {repaired}");
    }
}
