using NewsBot.Domain;
using NewsBot.Evaluation;
using NewsBot.Index;
using NewsBot.Index.Sqlite;
using NewsBot.Testing;

namespace NewsBot.Conversation.Tests.Retrieval;

/// <summary>The in-memory keyword ranking a server uses must rank exactly as FTS5's bm25() does, on the real corpus.</summary>
[Collection(CorpusCollection.Name)]
public sealed class KeywordMemoryIndexTests(EmbeddedCorpusIndex corpus)
{
    public static TheoryData<string> DevQuestions()
    {
        var data = new TheoryData<string>();
        foreach (var q in EvalQuestion.Load(Path.Combine(SharedData.Eval, "questions.dev.jsonl"))) data.Add(q.Question);
        return data;
    }

    private static readonly SearchFilter[] Filters =
    [
        SearchFilter.None,
        new() { From = new DateOnly(2025, 1, 1), To = new DateOnly(2025, 12, 31) },
        new() { Kinds = [DocumentKind.Transcript, DocumentKind.Newsletter] },
        new() { Publications = ["last week in ai"] },
    ];

    [Theory]
    [MemberData(nameof(DevQuestions))]
    public async Task Ranks_every_dev_question_exactly_as_fts5(string question)
    {
        // A second instance on the corpus file, so the shared fixture keeps searching with FTS5.
        await using var inMemory = await SqliteNewsIndex.OpenAsync(corpus.DatabasePath);
        await inMemory.LoadKeywordIndexAsync();
        Assert.True(inMemory.RanksKeywordsInMemory);
        var terms = new NewsBot.Retrieval.QueryAnalyzer().Analyze(question).Terms;

        foreach (var filter in Filters)
            foreach (var fill in new[] { true, false })
            {
                var query = new LexicalQuery(terms, filter, 200) { FillWithCommonTerms = fill };
                var expected = await corpus.Index.SearchLexicalAsync(query);
                var actual = await inMemory.SearchLexicalAsync(query);

                Assert.Equal(expected.Count, actual.Count);
                for (var i = 0; i < expected.Count; i++)
                {
                    Assert.Equal(expected[i].Score, actual[i].Score, 1e-9);
                    // Equal scores may come in either order; otherwise the same passage at the same rank.
                    if (i + 1 >= expected.Count || Math.Abs(expected[i].Score - expected[i + 1].Score) > 1e-9)
                        if (i == 0 || Math.Abs(expected[i].Score - expected[i - 1].Score) > 1e-9)
                            Assert.Equal(expected[i].Passage.Id, actual[i].Passage.Id);
                }
                Assert.Equal(expected.Select(h => h.Passage.Id).Order(), actual.Select(h => h.Passage.Id).Order());
            }
    }
}
