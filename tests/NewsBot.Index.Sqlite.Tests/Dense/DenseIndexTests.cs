using NewsBot.Domain;
using NewsBot.Index.Dense;
using NewsBot.Index.Embeddings;

namespace NewsBot.Index.Sqlite.Tests.Dense;

/// <summary>Filters and grouping on the dense arm, on a hand-made index.</summary>
public class DenseIndexTests
{
    private static readonly EmbeddingModelInfo Model = new("test", 3);

    private static readonly DenseStory[] Stories =
    [
        new("old-digest", new DateOnly(2023, 1, 5), "Last Week in AI", DocumentKind.Digest),
        new("new-digest", new DateOnly(2025, 6, 1), "Last Week in AI", DocumentKind.Digest),
        new("newsletter", new DateOnly(2025, 6, 2), "The Batch", DocumentKind.Newsletter),
        new("undated", null, "Last Week in AI", DocumentKind.Digest),
    ];

    // Row vectors: closer to [1,0,0] the earlier in this list.
    private static readonly (int Story, int Passage, EmbeddedTextKind Kind, float[] Vector)[] Layout =
    [
        (0, 0, EmbeddedTextKind.Title, [1f, 0.05f, 0]),
        (0, 1, EmbeddedTextKind.Sentence, [1f, 0.10f, 0]),
        (1, 0, EmbeddedTextKind.Sentence, [1f, 0.20f, 0]),
        (2, 0, EmbeddedTextKind.Sentence, [1f, 0.30f, 0]),
        (3, 0, EmbeddedTextKind.Title, [1f, 0.40f, 0]),
        (1, 1, EmbeddedTextKind.Passage, [1f, 0.50f, 0]),
        (2, 1, EmbeddedTextKind.Sentence, [0, 1f, 0]),
    ];

    private static DenseIndex Build() => new(Model, generation: 1,
        new VectorMatrix(Layout.SelectMany(l => l.Vector).ToArray(), 3),
        Layout.Select(l => new DenseRow(l.Story, l.Passage, l.Kind)).ToArray(),
        Stories);

    [Fact]
    public void Without_options_every_row_competes_best_first()
    {
        var hits = Build().Search([1, 0, 0], 4);
        Assert.Equal(["old-digest:0", "old-digest:1", "new-digest:0", "newsletter:0"], hits.Select(h => h.PassageId));
        Assert.Equal(EmbeddedTextKind.Title, hits[0].Kind);
    }

    [Fact]
    public void Grouping_keeps_the_best_row_of_each_story()
    {
        var hits = Build().Search([1, 0, 0], 10, new DenseSearchOptions { GroupByStory = true });
        Assert.Equal(["old-digest", "new-digest", "newsletter", "undated"], hits.Select(h => h.StoryId));
        Assert.Equal(["old-digest:0", "new-digest:0", "newsletter:0", "undated:0"], hits.Select(h => h.PassageId));
    }

    [Fact]
    public void Grouping_fills_the_limit_with_stories_even_when_one_story_has_the_best_rows()
    {
        var hits = Build().Search([1, 0, 0], 2, new DenseSearchOptions { GroupByStory = true });
        Assert.Equal(["old-digest", "new-digest"], hits.Select(h => h.StoryId));
    }

    [Fact]
    public void A_date_range_leaves_out_undated_stories_and_those_outside_it()
    {
        var filter = new SearchFilter { From = new DateOnly(2025, 1, 1) };
        var hits = Build().Search([1, 0, 0], 10, new DenseSearchOptions { Filter = filter });
        Assert.All(hits, h => Assert.Contains(h.StoryId, new[] { "new-digest", "newsletter" }));
        Assert.Equal(4, hits.Count);
    }

    [Fact]
    public void Publication_and_kind_filter_the_dense_arm_like_the_lexical_one()
    {
        var byPublication = Build().Search([1, 0, 0], 10, new DenseSearchOptions { Filter = new SearchFilter { Publications = ["the batch"] } });
        var byKind = Build().Search([1, 0, 0], 10, new DenseSearchOptions { Filter = new SearchFilter { Kinds = [DocumentKind.Digest] } });

        Assert.All(byPublication, h => Assert.Equal("newsletter", h.StoryId));
        Assert.Equal(2, byPublication.Count);
        Assert.DoesNotContain(byKind, h => h.StoryId == "newsletter");
        Assert.Equal(5, byKind.Count);
    }

    [Fact]
    public void Text_kinds_restrict_which_rows_match()
    {
        var hits = Build().Search([1, 0, 0], 10, new DenseSearchOptions { TextKinds = [EmbeddedTextKind.Title] });
        Assert.Equal(["old-digest:0", "undated:0"], hits.Select(h => h.PassageId));
    }

    [Fact]
    public void Int8_precision_gives_the_same_answer_on_well_separated_rows()
    {
        var options = new DenseSearchOptions { Precision = DensePrecision.Int8, GroupByStory = true, Filter = new SearchFilter { Kinds = [DocumentKind.Digest] } };
        var hits = Build().Search([1, 0, 0], 3, options);
        Assert.Equal(["old-digest", "new-digest", "undated"], hits.Select(h => h.StoryId));
    }
}
