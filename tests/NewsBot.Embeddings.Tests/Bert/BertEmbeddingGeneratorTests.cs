using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using NewsBot.Embeddings.Bert;
using NewsBot.Onnx;
using NewsBot.Testing;

namespace NewsBot.Embeddings.Tests.Bert;

/// <summary>The whole path, tokenizer to normalized vector, on a tiny BERT run by the real ONNX Runtime.</summary>
public sealed class BertEmbeddingGeneratorTests : IDisposable
{
    private const float Tolerance = 1e-5f;

    private readonly TinyBert _bert = new();
    private readonly WordPieceTokenizer _tokenizer = TinyBert.Tokenizer();
    private readonly OnnxSession _session;

    public BertEmbeddingGeneratorTests() => _session = OnnxSession.FromBytes(_bert.Model());

    public void Dispose() => _session.Dispose();

    private static BertModelProfile Profile(BertPooling pooling = BertPooling.Mean, string queryPrefix = "", string passagePrefix = "", int maxTokens = 32) =>
        new("tiny-bert", TinyBert.Hidden, pooling, QueryPrefix: queryPrefix, PassagePrefix: passagePrefix, MaxTokens: maxTokens);

    private BertEmbeddingGenerator Generator(BertModelProfile profile, int batchSize = 32) => new(_session, _tokenizer, profile, batchSize);

    private float[] Reference(string text, BertPooling pooling, int maxTokens = 32) => _bert.Embedding(_tokenizer.Encode(text, maxTokens), pooling);

    private static void AssertClose(float[] expected, ReadOnlyMemory<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(MathF.Abs(expected[i] - actual.Span[i]) <= Tolerance, $"[{i}] expected {expected[i]}, got {actual.Span[i]}");
    }

    [Theory]
    [InlineData(BertPooling.Mean)]
    [InlineData(BertPooling.Cls)]
    public async Task Pooling_matches_the_reference_network_for_every_text_of_a_padded_batch(BertPooling pooling)
    {
        string[] texts = ["The cat sat on the mat.", "AI news", "A big new open source model released today, fast"];
        using var generator = Generator(Profile(pooling));

        var embeddings = await generator.GenerateAsync(texts);

        Assert.Equal(3, embeddings.Count);
        for (var i = 0; i < texts.Length; i++) AssertClose(Reference(texts[i], pooling), embeddings[i].Vector);
    }

    [Fact]
    public async Task A_text_embeds_the_same_alone_and_padded_beside_a_longer_text()
    {
        using var generator = Generator(Profile());

        var alone = await generator.GenerateVectorAsync("the dog ran");
        var batched = await generator.GenerateAsync(["the dog ran", "the big dog ran fast on the mat, the small cat sat"]);

        AssertClose(alone.ToArray(), batched[0].Vector);
    }

    [Fact]
    public async Task Embeddings_have_unit_length_and_the_profiles_model_id()
    {
        using var generator = Generator(Profile());

        var embeddings = await generator.GenerateAsync(["cat", "the news", "", "zzz unknown words"]);

        Assert.All(embeddings, e => Assert.Equal(1f, TensorPrimitives.Norm(e.Vector.Span), 5));
        Assert.All(embeddings, e => Assert.Equal("tiny-bert", e.ModelId));
        // [CLS] and [SEP] around: cat; the news; nothing; three unknown words.
        Assert.Equal(3 + 4 + 2 + 5, embeddings.Usage!.InputTokenCount);
    }

    [Fact]
    public async Task The_purpose_chooses_the_prefix_and_a_text_without_one_is_a_passage()
    {
        using var generator = Generator(Profile(queryPrefix: "query: ", passagePrefix: "passage: "));

        var query = await generator.GenerateVectorAsync("cat", EmbeddingPurpose.ForQuery());
        var passage = await generator.GenerateVectorAsync("cat", EmbeddingPurpose.ForPassage());
        var unmarked = await generator.GenerateVectorAsync("cat");

        var queryIds = _tokenizer.Encode("query: cat", 32);
        Assert.Equal(["[CLS]", "query", ":", "cat", "[SEP]"], queryIds.Select(id => _tokenizer.Vocabulary.TokenOf((int)id)));
        AssertClose(_bert.Embedding(queryIds, BertPooling.Mean), query);
        AssertClose(Reference("passage: cat", BertPooling.Mean), passage);
        AssertClose(passage.ToArray(), unmarked);
    }

    [Fact]
    public async Task An_unknown_purpose_is_refused()
    {
        using var generator = Generator(Profile());
        var options = new EmbeddingGenerationOptions { AdditionalProperties = new() { [EmbeddingPurpose.Key] = "document" } };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(["cat"], options));
        Assert.Contains("document", error.Message);
    }

    [Fact]
    public async Task A_model_without_token_type_ids_is_fed_without_them()
    {
        using var session = OnnxSession.FromBytes(_bert.Model(withTokenTypes: false));
        using var generator = new BertEmbeddingGenerator(session, _tokenizer, Profile());

        var embedding = await generator.GenerateVectorAsync("the cat sat");

        Assert.False(generator.UsesTokenTypeIds);
        Assert.True(Generator(Profile()).UsesTokenTypeIds);
        AssertClose(_bert.Embedding(_tokenizer.Encode("the cat sat", 32), BertPooling.Mean, withTokenTypes: false), embedding);
    }

    [Fact]
    public async Task Long_lists_are_split_into_batches_without_changing_any_embedding()
    {
        var texts = Enumerable.Range(0, 7).Select(i => string.Join(' ', TinyBert.VocabTokens.Skip(4 + i).Take(1 + i * 2))).ToList();
        using var batchedByTwo = Generator(Profile(), batchSize: 2);
        using var all = Generator(Profile());

        var small = await batchedByTwo.GenerateAsync(texts);
        var large = await all.GenerateAsync(texts);

        Assert.Equal(7, small.Count);
        for (var i = 0; i < texts.Count; i++) AssertClose(large[i].Vector.ToArray(), small[i].Vector);
    }

    [Fact]
    public async Task A_text_longer_than_the_model_takes_is_cut_to_its_first_tokens()
    {
        var longText = string.Join(' ', Enumerable.Repeat("the cat sat on the mat", 20));
        using var generator = Generator(Profile(maxTokens: 10));

        var embedding = await generator.GenerateVectorAsync(longText);

        AssertClose(Reference("the cat sat on the mat the cat", BertPooling.Mean, 10), embedding);
    }

    [Fact]
    public async Task Concurrent_callers_get_the_same_embeddings()
    {
        string[] texts = ["the cat sat", "ai news today", "a new model released", "the dog ran fast"];
        using var generator = Generator(Profile());
        var expected = await generator.GenerateAsync(texts);

        var runs = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => generator.GenerateAsync(texts))));

        foreach (var run in runs)
            for (var i = 0; i < texts.Length; i++) Assert.Equal(expected[i].Vector.ToArray(), run[i].Vector.ToArray());
    }

    [Fact]
    public async Task An_output_with_another_name_is_read_as_the_token_vectors()
    {
        using var session = OnnxSession.FromBytes(_bert.Model(outputName: "token_embeddings"));
        using var generator = new BertEmbeddingGenerator(session, _tokenizer, Profile(BertPooling.Cls));

        Assert.Equal("token_embeddings", generator.OutputName);
        AssertClose(Reference("the mat", BertPooling.Cls), await generator.GenerateVectorAsync("the mat"));
    }

    [Fact]
    public void Metadata_reports_the_model_and_its_dimensions()
    {
        using var generator = Generator(Profile());

        var metadata = generator.GetService<EmbeddingGeneratorMetadata>()!;

        Assert.Equal("tiny-bert", metadata.DefaultModelId);
        Assert.Equal(TinyBert.Hidden, metadata.DefaultModelDimensions);
        Assert.Same(generator.Profile, generator.GetService<BertModelProfile>());
        Assert.Null(generator.GetService<EmbeddingGeneratorMetadata>("some key"));
    }

    [Fact]
    public async Task A_profile_whose_dimensions_differ_from_the_model_is_refused()
    {
        var error = Assert.Throws<NotSupportedException>(() => Generator(Profile() with { Dimensions = 384 }));
        Assert.Contains("384", error.Message);

        using var generator = Generator(Profile());
        await Assert.ThrowsAsync<NotSupportedException>(() => generator.GenerateAsync(["cat"], new EmbeddingGenerationOptions { Dimensions = 4 }));
    }

    [Fact]
    public async Task No_texts_give_no_embeddings()
    {
        using var generator = Generator(Profile());

        Assert.Empty(await generator.GenerateAsync([]));
    }

    [Fact]
    public async Task An_installed_folder_loads_with_its_tokenizer_and_owns_its_session()
    {
        using var dir = new TempDir();
        await File.WriteAllBytesAsync(dir.File("model.onnx"), _bert.Model());
        await File.WriteAllLinesAsync(dir.File("vocab.txt"), TinyBert.VocabTokens);

        var generator = BertEmbeddingGenerator.FromFolder(dir.Path, Profile());
        AssertClose(Reference("the cat", BertPooling.Mean), await generator.GenerateVectorAsync("the cat"));
        generator.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => generator.GenerateAsync(["the cat"]));
    }
}
