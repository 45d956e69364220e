using System.Diagnostics;
using NewsBot.Ingestion.TextRepair;
using NewsBot.Testing;
using Xunit.Abstractions;

namespace NewsBot.Ingestion.Tests.TextRepair;

public sealed class MojibakeRepairTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("Plain ASCII text, nothing to see.")]
    [InlineData("Müller’s “naïve” café — 5×£35, 2012—∞, √π")]
    public void Text_without_mojibake_is_returned_as_the_same_instance(string text)
    {
        Assert.Same(text, MojibakeRepair.Repair(text));
    }

    [Fact]
    public void Only_the_broken_line_of_a_document_changes()
    {
        const string text = "Line one is fine: “quoted” and naïve.\nLine two isnâ€™t: itâ€™s broken â€” badly.\nLine three: 😀 fine.";

        Assert.Equal("Line one is fine: “quoted” and naïve.\nLine two isn’t: it’s broken — badly.\nLine three: 😀 fine.", MojibakeRepair.Repair(text));
    }

    [Fact]
    public void Mojibake_next_to_correct_characters_in_the_same_line_is_fixed_on_its_own()
    {
        Assert.Equal("The naïve approach — as in Müller’s paper — doesn’t work.",
            MojibakeRepair.Repair("The naïve approach — as in Müller’s paper — doesnâ€™t work."));
    }

    [Fact]
    public void Real_Baltic_text_is_not_mistaken_for_lost_bytes()
    {
        const string latvian = "Rīgā ir skaistas ēkas, un tās ir vecas. Mājās ir silti. Grāmatās ir daudz vārdu. Tās ir labas.";

        Assert.Same(latvian, MojibakeRepair.Repair(latvian));
    }

    [Fact]
    public void Repairing_the_whole_corpus_is_idempotent()
    {
        var texts = Directory.GetFiles(SharedData.Digests).Concat(Directory.GetFiles(SharedData.Seeds)).Select(File.ReadAllText).ToList();
        MojibakeRepair.Repair("warm-up: Ã©");

        var stopwatch = Stopwatch.StartNew();
        var repaired = texts.Select(MojibakeRepair.Repair).ToList();
        stopwatch.Stop();

        output.WriteLine($"Repaired {texts.Count} documents ({texts.Sum(t => t.Length):N0} chars) in {stopwatch.ElapsedMilliseconds} ms; " +
                         $"{repaired.Where((r, i) => !ReferenceEquals(r, texts[i])).Count()} changed.");
        Assert.All(repaired, r => Assert.Same(r, MojibakeRepair.Repair(r)));
    }
}
