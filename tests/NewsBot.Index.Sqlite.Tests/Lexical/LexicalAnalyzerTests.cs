using NewsBot.Index.Lexical;

namespace NewsBot.Index.Sqlite.Tests.Lexical;

public class LexicalAnalyzerTests
{
    [Fact]
    public void Lowercases_and_stems() =>
        Assert.Equal(["openai", "releas", "model", "run", "faster"], LexicalAnalyzer.Analyze("OpenAI Releases Models, RUNNING faster!"));

    [Fact]
    public void Drops_stop_words() =>
        Assert.Equal(["cat", "mat"], LexicalAnalyzer.Analyze("The cat is on the mat"));

    [Fact]
    public void Stop_word_only_text_has_no_terms() =>
        Assert.Empty(LexicalAnalyzer.Analyze("What is it that they were about to do?"));

    [Theory]
    [InlineData("Café", "cafe")]
    [InlineData("CAFÉ", "cafe")]
    [InlineData("Cafe\u0301", "cafe")]     // decomposed: the combining accent must not split the word
    [InlineData("naïve", "naiv")]
    [InlineData("Ångström", "angstrom")]
    [InlineData("ﬁne", "fine")]            // ligature, folded by compatibility decomposition
    [InlineData("ＧＰＴ", "gpt")]            // full-width letters
    public void Folds_diacritics_and_compatibility_forms(string text, string term) =>
        Assert.Equal([term], LexicalAnalyzer.Analyze(text));

    [Fact]
    public void Splits_on_punctuation_and_keeps_numbers_unstemmed()
    {
        Assert.Equal(["gpt", "5"], LexicalAnalyzer.Analyze("GPT-5"));
        Assert.Equal(["gpt4o", "2024"], LexicalAnalyzer.Analyze("gpt4o (2024)"));
        Assert.Equal(["llama3", "70b", "paramet"], LexicalAnalyzer.Analyze("Llama3 70B parameters"));
    }

    [Fact]
    public void Apostrophes_split_and_possessive_s_is_dropped()
    {
        Assert.Equal(["amazon", "chip"], LexicalAnalyzer.Analyze("Amazon’s chips"));
        Assert.Equal(["amazon", "chip"], LexicalAnalyzer.Analyze("Amazon's chips"));
        Assert.Equal(["work"], LexicalAnalyzer.Analyze("don't work"));
    }

    [Fact]
    public void Keeps_letters_of_other_scripts_unstemmed()
    {
        Assert.Equal(["неиросеть", "модели"], LexicalAnalyzer.Analyze("Нейросеть МОДЕЛИ"));   // й decomposes to и + breve
        Assert.Equal(["人工智能"], LexicalAnalyzer.Analyze("人工智能。"));
        Assert.Equal(["straße"], LexicalAnalyzer.Analyze("Straße"));
    }

    [Fact]
    public void Letters_outside_the_basic_plane_stay_in_the_word()
    {
        var text = "a\U0001D400b rest";   // MATHEMATICAL BOLD CAPITAL A folds to "a" under NFKD
        Assert.Equal(["aab", "rest"], LexicalAnalyzer.Analyze(text));
        Assert.Equal(["model"], LexicalAnalyzer.Analyze("models \U0001F916"));  // emoji separates, yields nothing
    }

    [Fact]
    public void Drops_overlong_words()
    {
        var hash = new string('x', LexicalAnalyzer.MaxWordLength + 1);
        Assert.Equal(["short"], LexicalAnalyzer.Analyze($"{hash} short"));
        Assert.Single(LexicalAnalyzer.Analyze(new string('y', LexicalAnalyzer.MaxWordLength)));
    }

    [Fact]
    public void Empty_and_null_text_have_no_terms()
    {
        Assert.Empty(LexicalAnalyzer.Analyze(""));
        Assert.Empty(LexicalAnalyzer.Analyze(null));
        Assert.Empty(LexicalAnalyzer.Analyze(" \t—…!? "));
    }

    [Fact]
    public void Stop_words_are_checked_on_folded_unstemmed_words()
    {
        Assert.True(LexicalAnalyzer.IsStopWord("the"));
        Assert.True(LexicalAnalyzer.IsStopWord("was"));
        Assert.False(LexicalAnalyzer.IsStopWord("us"));   // also "US", the country
        Assert.False(LexicalAnalyzer.IsStopWord("model"));
    }

    [Fact]
    public void Terms_are_already_what_the_index_tokenizer_keeps()
    {
        // The store joins terms with spaces for FTS5's unicode61 tokenizer: no term may contain a separator.
        foreach (var term in LexicalAnalyzer.Analyze("Hello, wörld! Ça va? e-mail: x@y.z — 3.14 “quotes” «guillemets» tab\there"))
            Assert.All(term, c => Assert.True(char.IsLetterOrDigit(c), $"'{c}' in '{term}'"));
    }
}
