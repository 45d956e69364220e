using NewsBot.Domain;
using NewsBot.Index;
using NewsBot.Index.Dense;
using NewsBot.Index.Embeddings;
using NewsBot.Retrieval;
using NewsBot.Retrieval.Hybrid;

namespace NewsBot.Conversation.Tests.Retrieval;

/// <summary>The fusion rule on hand-made candidates: what keywords are sure of stays; paraphrases lean on meaning.</summary>
public sealed class HybridFusionTests
{
    private static readonly RetrievalOptions Options = new();
    private static readonly TermStatistics Statistics = new(1000, new Dictionary<string, long> { ["trainium3"] = 2, ["chip"] = 50, ["amazon"] = 20, ["aw"] = 30 });

    [Fact]
    public void Coverage_is_the_idf_weighted_share_of_terms_present()
    {
        var coverage = new TermCoverage(["trainium3", "chip"], Statistics);
        Assert.Equal(1.0, coverage.Of("AWS unveils Trainium3", "A new chip for training."), 6);
        Assert.Equal(0.0, coverage.Of("Unrelated", "Nothing here."), 6);
        var rareOnly = coverage.Of("Trainium3", "");
        Assert.True(rareOnly > 0.5 && rareOnly < 1, $"the rare term should carry most weight, got {rareOnly}");
    }

    [Fact]
    public void Coverage_counts_an_alternative_name_as_the_term()
    {
        var coverage = new TermCoverage(["amazon"], Statistics, [["aw"]]);
        Assert.Equal(1.0, coverage.Of("AWS re:Invent", ""), 6);
    }

    [Fact]
    public async Task A_full_keyword_match_keeps_first_place_against_a_closer_embedding()
    {
        var exact = Hit("exact", "Trainium3 chip", "AWS unveiled the Trainium3 chip.", 10);
        var near = Hit("near", "Chips", "Amazon's chips are getting faster.", 4);
        var fused = await Fuse(["trainium3", "chip"], [exact, near], meaning: new() { ["exact"] = 0.40f, ["near"] = 0.55f });
        Assert.Equal("exact", fused[0].Story.Id);
    }

    [Fact]
    public async Task When_keywords_cover_little_a_story_found_by_meaning_alone_can_win()
    {
        var weak = Hit("weak", "Painting tips", "Painters share their tips.", 3);
        var byMeaning = Hit("nightshade", "Nightshade", "A tool that poisons image generators' training data.", 0);
        var fused = await Fuse(["painter", "sabotag", "imag", "gener", "train", "stuff"], [weak],
            meaning: new() { ["weak"] = 0.20f, ["nightshade"] = 0.60f }, onlyByMeaning: [byMeaning]);
        Assert.Equal("nightshade", fused[0].Story.Id);
    }

    [Fact]
    public async Task Stories_that_cannot_reach_the_list_are_never_loaded()
    {
        var strong = Enumerable.Range(0, 3).Select(i => Hit($"s{i}", "Trainium3 chip", "Trainium3 chip", 10 - i)).ToList();
        var far = Hit("far", "Far", "Far away", 0);
        var loaded = new List<string>();
        await Fuse(["trainium3", "chip"], strong, meaning: new() { ["s0"] = 0.5f, ["s1"] = 0.5f, ["s2"] = 0.5f, ["far"] = 0.05f },
            onlyByMeaning: [far], limit: 3, loaded: loaded);
        Assert.DoesNotContain("far", loaded);
    }

    private static async Task<IReadOnlyList<PassageHit>> Fuse(IReadOnlyList<string> terms, IReadOnlyList<PassageHit> byKeywords,
        Dictionary<string, float> meaning, IReadOnlyList<PassageHit>? onlyByMeaning = null, int limit = 10, List<string>? loaded = null)
    {
        var others = onlyByMeaning ?? [];
        var fusion = new HybridFusion(Options, new TermCoverage(terms, Statistics));
        var dense = others.Select(h => Dense(h.Story.Id, meaning[h.Story.Id])).OrderByDescending(d => d.Score).ToList();
        var ofKeywordHits = byKeywords.ToDictionary(h => h.Story.Id, h => Dense(h.Story.Id, meaning[h.Story.Id]));
        return await fusion.FuseAsync(byKeywords, dense, ofKeywordHits, (id, _, _) =>
        {
            loaded?.Add(id);
            return Task.FromResult(others.FirstOrDefault(h => h.Story.Id == id));
        }, limit, CancellationToken.None);
    }

    private static DenseHit Dense(string storyId, float score) => new(Passage.MakeId(storyId, 0), storyId, 0, EmbeddedTextKind.Sentence, score);

    private static PassageHit Hit(string id, string title, string text, double score) => new(
        new Passage { Id = Passage.MakeId(id, 0), StoryId = id, StoryTitle = title, Ordinal = 0, Start = 0, Length = text.Length, Text = text },
        new Story
        {
            Id = id, Title = title, Text = text, Publication = "Test", Kind = DocumentKind.Digest, DocumentTitle = "Test",
            Sources = [],
        },
        score);
}
