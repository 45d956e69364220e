using NewsBot.Ingestion.TextRepair;
using NewsBot.Testing;

namespace NewsBot.Ingestion.Tests.TextRepair;

/// <summary>The project's own seeds that carry mojibake, against the clean digests they came from.</summary>
public sealed class SeedRepairTests
{
    private const string BalticSeed = "003";

    [Theory]
    [InlineData("000", "2025-12-08-328.md")]
    [InlineData("002", "2025-03-10-302.md")]
    public void Mac_Roman_seed_repairs_to_its_digest_exactly(string seed, string digest)
    {
        var expected = File.ReadAllText(SharedData.Digest(digest));

        var repaired = MojibakeRepair.Repair(File.ReadAllText(SharedData.Seed(seed)));

        Assert.Equal(expected, repaired);
    }

    [Theory]
    [InlineData("000", "2025-12-08-328.md")]
    [InlineData("002", "2025-03-10-302.md")]
    public void Normalising_keeps_the_repaired_seed_equal_to_its_digest(string seed, string digest)
    {
        var expected = File.ReadAllText(SharedData.Digest(digest));

        Assert.Same(expected, TextNormalizer.Normalize(expected));
        Assert.Equal(expected, TextNormalizer.Normalize(MojibakeRepair.Repair(File.ReadAllText(SharedData.Seed(seed)))));
    }

    [Theory]
    [InlineData("2025-12-08-328.md")]
    [InlineData("2025-03-10-302.md")]
    public void Clean_digest_is_returned_as_the_same_instance(string digest)
    {
        var text = File.ReadAllText(SharedData.Digest(digest));

        Assert.Same(text, MojibakeRepair.Repair(text));
    }

    [Fact]
    public void Baltic_seed_with_lost_bytes_gets_its_apostrophes_back()
    {
        var repaired = MojibakeRepair.Repair(File.ReadAllText(SharedData.Seed(BalticSeed)));

        Assert.Contains("DeepSeek’s", repaired);
        Assert.Contains("OpenAI’s", repaired);
        Assert.Contains("“rivals Gemini-3.0-Pro,” the company said", repaired);
    }

    [Fact]
    public void Baltic_seed_keeps_no_garbage_of_its_lost_emoji()
    {
        var repaired = MojibakeRepair.Repair(File.ReadAllText(SharedData.Seed(BalticSeed)));

        Assert.Equal(-1, repaired.IndexOfAny(['ā', 'š', 'ļ', 'ø']));
        Assert.StartsWith("DeepSeek launches new AI models aimed at challenging Google and OpenAI\n", repaired);
    }
}
