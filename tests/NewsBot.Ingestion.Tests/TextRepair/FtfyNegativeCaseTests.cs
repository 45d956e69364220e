using NewsBot.Ingestion.TextRepair;

namespace NewsBot.Ingestion.Tests.TextRepair;

/// <summary>ftfy's negative cases: text that only looks like mojibake must come back unchanged.</summary>
public sealed class FtfyNegativeCaseTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in FtfyCase.Load("negative.json")) data.Add(c.Label, c.Original);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Text_that_only_looks_broken_is_left_unchanged(string label, string original)
    {
        var repaired = MojibakeRepair.Repair(original);
        Assert.True(repaired == original, $"{label}: changed to {repaired}");
    }
}
