using System.Text;
using NewsBot.Embeddings.Bert;

namespace NewsBot.Embeddings.Tests.Bert;

/// <summary>
/// Known WordPiece cases. Unless noted, the inputs and expected outputs are those of Hugging Face transformers'
/// tests/models/bert/test_tokenization_bert.py, with the same small vocabularies.
/// </summary>
public sealed class WordPieceTokenizerTests
{
    // test_full_tokenizer's vocabulary: ids are positions.
    private static readonly string[] FullVocab =
        ["[UNK]", "[CLS]", "[SEP]", "[PAD]", "[MASK]", "want", "##want", "##ed", "wa", "un", "runn", "##ing", ",", "low", "lowest"];

    private static WordPieceTokenizer Tokenizer(string[] vocab, BertNormalization? normalization = null) =>
        new(WordPieceVocabulary.FromLines(vocab), normalization);

    [Fact]
    public void Full_tokenizer_lowercases_strips_accents_and_splits_punctuation()
    {
        var tokenizer = Tokenizer(FullVocab);

        var tokens = tokenizer.Tokenize("UNwant\u00E9d,running");

        Assert.Equal(["un", "##want", "##ed", ",", "runn", "##ing"], tokens);
        Assert.Equal([9, 6, 7, 12, 10, 11], tokenizer.TokenIds("UNwant\u00E9d,running"));
    }

    [Fact]
    public void Wordpiece_is_greedy_longest_match_first_and_an_unmatchable_word_is_one_unknown()
    {
        var tokenizer = Tokenizer(["[UNK]", "[CLS]", "[SEP]", "want", "##want", "##ed", "wa", "un", "runn", "##ing"]);

        Assert.Empty(tokenizer.Tokenize(""));
        Assert.Equal(["un", "##want", "##ed", "runn", "##ing"], tokenizer.Tokenize("unwanted running"));
        Assert.Equal(["[UNK]", "runn", "##ing"], tokenizer.Tokenize("unwantedX running"));
    }

    [Fact]
    public void Unaffable_splits_into_the_pieces_of_the_bert_docstring()
    {
        // google-research/bert tokenization.py, WordpieceTokenizer.tokenize: "unaffable" -> ["un", "##aff", "##able"].
        var tokenizer = Tokenizer(["[UNK]", "[CLS]", "[SEP]", "un", "##aff", "##able", "##a", "##ff"]);

        Assert.Equal(["un", "##aff", "##able"], tokenizer.Tokenize("unaffable"));
    }

    [Fact]
    public void A_word_longer_than_the_limit_is_unknown_even_if_its_pieces_exist()
    {
        var tokenizer = new WordPieceTokenizer(WordPieceVocabulary.FromLines(["[UNK]", "[CLS]", "[SEP]", "a", "##a"]), maxInputCharsPerWord: 5);

        Assert.Equal(["a", "##a", "##a", "##a", "##a"], tokenizer.Tokenize("aaaaa"));
        Assert.Equal(["[UNK]"], tokenizer.Tokenize("aaaaaa"));
        Assert.Equal(100, WordPieceTokenizer.DefaultMaxInputCharsPerWord);
    }

    [Fact]
    public void Clean_text_drops_a_soft_hyphen_and_unknown_words_stay_unknown()
    {
        // test_clean_text: "Test", "\xad", "test" -> [UNK], nothing, [UNK] (the vocabulary has no "test").
        var tokenizer = Tokenizer(FullVocab);

        Assert.Equal(["[UNK]"], tokenizer.Tokenize("Test"));
        Assert.Empty(tokenizer.Tokenize("\u00AD"));
        Assert.Equal(["[UNK]"], tokenizer.Tokenize("test"));
    }

    [Fact]
    public void Basic_tokenizer_isolates_cjk_ideographs()
    {
        // test_chinese
        Assert.Equal(["ah", "\u535A", "\u63A8", "zz"], new BertBasicTokenizer(BertNormalization.Uncased).Split("ah\u535A\u63A8zz"));
    }

    [Fact]
    public void Cjk_ideographs_outside_the_basic_plane_are_isolated_too()
    {
        // U+20000 (CJK Extension B) is a surrogate pair in UTF-16; Hangul is not an ideograph and stays whole.
        // (Cased: accent stripping's NFD would decompose the Hangul syllables into jamo, as it does in BERT.)
        Assert.Equal(["a", "\U00020000", "b", "한국어"], new BertBasicTokenizer(BertNormalization.Cased).Split("a\U00020000b 한국어"));
    }

    [Fact]
    public void Basic_tokenizer_lowercases_and_strips_accents_by_default()
    {
        // test_basic_tokenizer_lower, test_basic_tokenizer_lower_strip_accents_default
        var basic = new BertBasicTokenizer(BertNormalization.Uncased);

        Assert.Equal(["hello", "!", "how", "are", "you", "?"], basic.Split(" \tHeLLo!how  \n Are yoU?  "));
        Assert.Equal(["hello"], basic.Split("H\u00E9llo"));
        Assert.Equal(["hallo", "!", "how", "are", "you", "?"], basic.Split(" \tHäLLo!how  \n Are yoU?  "));
    }

    [Fact]
    public void Accent_stripping_can_be_chosen_apart_from_lowercasing()
    {
        // test_basic_tokenizer_lower_strip_accents_false / _true, test_basic_tokenizer_no_lower(_strip_accents_false/_true)
        Assert.Equal(["hällo", "!", "how", "are", "you", "?"], new BertBasicTokenizer(new(Lowercase: true, StripAccents: false)).Split(" \tHäLLo!how  \n Are yoU?  "));
        Assert.Equal(["h\u00E9llo"], new BertBasicTokenizer(new(Lowercase: true, StripAccents: false)).Split("H\u00E9llo"));
        Assert.Equal(["HeLLo", "!", "how", "Are", "yoU", "?"], new BertBasicTokenizer(BertNormalization.Cased).Split(" \tHeLLo!how  \n Are yoU?  "));
        Assert.Equal(["HäLLo", "!", "how", "Are", "yoU", "?"], new BertBasicTokenizer(new(Lowercase: false, StripAccents: false)).Split(" \tHäLLo!how  \n Are yoU?  "));
        Assert.Equal(["HaLLo", "!", "how", "Are", "yoU", "?"], new BertBasicTokenizer(new(Lowercase: false, StripAccents: true)).Split(" \tHäLLo!how  \n Are yoU?  "));
    }

    [Fact]
    public void Every_punctuation_character_is_a_word_of_its_own()
    {
        // test_basic_tokenizer_splits_on_punctuation
        Assert.Equal(["a", "'", "ll", "!", "!", "to", "?", "'", "d", "of", ",", "can", "'", "t", "."],
            new BertBasicTokenizer(BertNormalization.Uncased).Split("a\n'll !!to?'d of, can't."));
    }

    [Fact]
    public void Character_classes_match_bert()
    {
        // test_is_whitespace, test_is_control, test_is_punctuation; "$" and "`" are Unicode symbols BERT calls punctuation.
        foreach (var c in " \t\r\n\u00A0") Assert.True(BertBasicTokenizer.IsWhitespace(new Rune(c)));
        foreach (var c in "A-") Assert.False(BertBasicTokenizer.IsWhitespace(new Rune(c)));
        Assert.True(BertBasicTokenizer.IsControl(new Rune('\u0005')));
        foreach (var c in "A \t\r") Assert.False(BertBasicTokenizer.IsControl(new Rune(c)));
        foreach (var c in "-$`.\u2014\u00BF") Assert.True(BertBasicTokenizer.IsPunctuation(new Rune(c)));
        foreach (var c in "A \u00E9") Assert.False(BertBasicTokenizer.IsPunctuation(new Rune(c)));
    }

    [Fact]
    public void Control_and_format_characters_are_removed()
    {
        // test_basic_tokenizer_remove_control_chars_true: left-to-right and right-to-left marks vanish; so do NUL and U+FFFD.
        var basic = new BertBasicTokenizer(BertNormalization.Uncased);
        Assert.Empty(basic.Split("\u200E\u200F"));
        Assert.Equal(["ab"], basic.Split("a\u0000\uFFFDb"));
    }

    [Fact]
    public void Encode_adds_cls_and_sep_and_truncates_to_the_maximum_length_including_them()
    {
        var tokenizer = Tokenizer(FullVocab);

        Assert.Equal([1L, 9, 6, 7, 12, 10, 11, 2], tokenizer.Encode("UNwant\u00E9d,running", maxLength: 512));
        Assert.Equal([1L, 9, 6, 7, 2], tokenizer.Encode("UNwant\u00E9d,running", maxLength: 5));
        Assert.Equal([1L, 2], tokenizer.Encode("", maxLength: 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => tokenizer.Encode("x", maxLength: 1));
    }

    [Fact]
    public void A_batch_is_padded_to_its_longest_row_with_a_mask()
    {
        var tokenizer = Tokenizer(FullVocab);

        var batch = tokenizer.EncodeBatch(["low", "unwanted, running"], maxLength: 512);

        Assert.Equal([2L, 8L], batch.Shape);
        Assert.Equal([1L, 13, 2, 3, 3, 3, 3, 3, 1, 9, 6, 7, 12, 10, 11, 2], batch.InputIds);
        Assert.Equal([1L, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1], batch.AttentionMask);
        Assert.All(batch.TokenTypeIds, id => Assert.Equal(0, id));
        Assert.Equal([3, 8], batch.Lengths);
    }

    [Fact]
    public void A_vocabulary_needs_the_unknown_cls_and_sep_tokens()
    {
        var error = Assert.Throws<InvalidDataException>(() => WordPieceVocabulary.FromLines(["[UNK]", "[SEP]", "a"]));
        Assert.Contains("[CLS]", error.Message);
    }

    [Fact]
    public void Tokenizer_json_gives_the_vocabulary_normalizer_options_and_special_tokens()
    {
        const string json = """
            {
              "version": "1.0",
              "truncation": null,
              "padding": null,
              "normalizer": { "type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": true, "strip_accents": false, "lowercase": true },
              "pre_tokenizer": { "type": "BertPreTokenizer" },
              "post_processor": { "type": "BertProcessing", "sep": ["<sep>", 2], "cls": ["<cls>", 1] },
              "model": {
                "type": "WordPiece", "unk_token": "<unk>", "continuing_subword_prefix": "##", "max_input_chars_per_word": 7,
                "vocab": { "<unk>": 0, "<cls>": 1, "<sep>": 2, "[PAD]": 3, "h\u00E9": 4, "##llo": 5, "he": 6, "a": 7, "##a": 8 }
              }
            }
            """;

        var tokenizer = WordPieceTokenizer.FromTokenizerJson(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(["h\u00E9", "##llo"], tokenizer.Tokenize("H\u00E9llo"));
        Assert.Equal(["<unk>"], tokenizer.Tokenize("aaaaaaaa"));
        Assert.Equal(7, tokenizer.MaxInputCharsPerWord);
        Assert.Equal([1L, 4, 5, 2], tokenizer.Encode("H\u00E9llo", 16));
        Assert.Equal(3, tokenizer.Vocabulary.PadId);
    }

    [Fact]
    public void Tokenizer_json_of_another_model_type_is_refused_with_the_reason()
    {
        const string json = """{ "model": { "type": "BPE", "vocab": { "a": 0 }, "merges": [] } }""";

        var error = Assert.Throws<NotSupportedException>(() => WordPieceTokenizer.FromTokenizerJson(new MemoryStream(Encoding.UTF8.GetBytes(json))));
        Assert.Contains("BPE", error.Message);
    }

    [Fact]
    public void Vocab_txt_ids_are_line_numbers()
    {
        using var dir = new NewsBot.Testing.TempDir();
        File.WriteAllLines(dir.File("vocab.txt"), FullVocab);

        var tokenizer = WordPieceTokenizer.FromVocabFile(dir.File("vocab.txt"));

        Assert.Equal(14, tokenizer.Vocabulary.IdOf("lowest"));
        Assert.Equal("lowest", tokenizer.Vocabulary.TokenOf(14));
        Assert.Equal(["lowest", "low"], tokenizer.Tokenize("Lowest LOW"));
    }
}
