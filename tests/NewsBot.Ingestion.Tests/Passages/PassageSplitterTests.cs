using NewsBot.Domain.Text;
using NewsBot.Ingestion.Passages;

namespace NewsBot.Ingestion.Tests.Passages;

public class PassageSplitterTests
{
    private static readonly PassageSplitter Splitter = new(new PassageSizes(60, 140, 200));

    private static string Sentences(int count, int wordsEach) =>
        string.Join(" ", Enumerable.Range(0, count).Select(i => "Sentence" + i + " " + string.Join(' ', Enumerable.Repeat("word", wordsEach - 2)) + " end."));

    [Fact]
    public void Passages_are_sentence_aligned_within_bounds_and_locate_their_text()
    {
        var text = Sentences(40, 17);
        var passages = Splitter.Split(text);
        Assert.True(passages.Count > 1);
        var sentenceStarts = SentenceSplitter.Split(text).Select(s => s.Start).ToHashSet();
        var sentenceEnds = SentenceSplitter.Split(text).Select(s => s.End).ToHashSet();
        foreach (var p in passages)
        {
            Assert.Equal(text.Substring(p.Start, p.Length), p.Text);
            Assert.Contains(p.Start, sentenceStarts);
            Assert.Contains(p.Start + p.Length, sentenceEnds);
            Assert.InRange(Words.Count(p.Text), 60, 200);
        }
        Assert.Equal(Enumerable.Range(0, passages.Count), passages.Select(p => p.Ordinal));
    }

    [Fact]
    public void Passages_cover_the_whole_text_in_order()
    {
        var text = Sentences(25, 23);
        var passages = Splitter.Split(text);
        Assert.Equal(Words.Count(text), passages.Sum(p => Words.Count(p.Text)));
        for (var i = 1; i < passages.Count; i++) Assert.True(passages[i].Start >= passages[i - 1].Start + passages[i - 1].Length);
    }

    [Fact]
    public void A_short_story_is_one_passage()
    {
        var passages = Splitter.Split("Only a short summary. Nothing more.");
        var p = Assert.Single(passages);
        Assert.Equal("Only a short summary. Nothing more.", p.Text);
    }

    [Fact]
    public void A_short_tail_joins_the_passage_before_it()
    {
        var text = Sentences(7, 20) + " Tail sentence of a few words.";
        var passages = Splitter.Split(text);
        Assert.All(passages, p => Assert.True(Words.Count(p.Text) >= 60));
        Assert.EndsWith("Tail sentence of a few words.", passages[^1].Text);
    }

    [Fact]
    public void A_sentence_longer_than_the_maximum_is_cut_at_word_breaks()
    {
        var text = string.Join(' ', Enumerable.Range(0, 450).Select(i => "w" + i)) + ".";
        var passages = Splitter.Split(text);
        Assert.All(passages, p => Assert.InRange(Words.Count(p.Text), 1, 200));
        Assert.Equal(450, passages.Sum(p => Words.Count(p.Text)));
    }
}
