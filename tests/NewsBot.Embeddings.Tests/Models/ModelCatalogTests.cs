using NewsBot.Embeddings.Bert;
using NewsBot.Embeddings.Models;

namespace NewsBot.Embeddings.Tests.Models;

public sealed class ModelCatalogTests
{
    [Fact]
    public void The_catalog_has_use_lite_and_three_bert_models()
    {
        Assert.Equal(["use-lite", "all-minilm-l6-v2", "bge-small-en-v1.5", "e5-small-v2"], ModelCatalog.All.Select(m => m.Id));
        Assert.Same(ModelCatalog.BgeSmallEnV15, ModelCatalog.Find("BGE-small-en-v1.5"));
        Assert.Null(ModelCatalog.Find("gpt-4"));
    }

    [Fact]
    public void Use_lite_is_built_locally_and_has_nothing_to_download()
    {
        Assert.Equal(ModelSource.BuiltLocally, ModelCatalog.UseLite.Source);
        Assert.Empty(ModelCatalog.UseLite.Files);
        Assert.Null(ModelCatalog.UseLite.Profile);
    }

    [Fact]
    public void Profiles_carry_each_models_pooling_and_prefixes()
    {
        var minilm = ModelCatalog.AllMiniLmL6V2.Profile!;
        Assert.Equal((384, BertPooling.Mean, "", "", 256), (minilm.Dimensions, minilm.Pooling, minilm.QueryPrefix, minilm.PassagePrefix, minilm.MaxTokens));
        var bge = ModelCatalog.BgeSmallEnV15.Profile!;
        Assert.Equal((384, BertPooling.Cls, "Represent this sentence for searching relevant passages: ", ""), (bge.Dimensions, bge.Pooling, bge.QueryPrefix, bge.PassagePrefix));
        var e5 = ModelCatalog.E5SmallV2.Profile!;
        Assert.Equal((384, BertPooling.Mean, "query: ", "passage: "), (e5.Dimensions, e5.Pooling, e5.QueryPrefix, e5.PassagePrefix));
        Assert.All(ModelCatalog.All.Where(m => m.Profile is not null), m => Assert.Equal(m.Id, m.Profile!.Id));
    }

    [Fact]
    public void Downloads_are_https_from_hugging_face_and_pinned_unless_no_hash_was_published()
    {
        foreach (var entry in ModelCatalog.All.Where(m => m.Source == ModelSource.Download))
        {
            Assert.Contains(entry.Files, f => f.FileName == "model.onnx");
            Assert.Contains(entry.Files, f => f.FileName == "tokenizer.json");
            Assert.All(entry.Files, f => Assert.Equal("https://huggingface.co", f.Url.GetLeftPart(UriPartial.Authority)));
        }
        Assert.Empty(ModelCatalog.AllMiniLmL6V2.FilesWithoutSha256);
        Assert.Empty(ModelCatalog.BgeSmallEnV15.FilesWithoutSha256);
        Assert.Equal(2, ModelCatalog.E5SmallV2.FilesWithoutSha256.Count());
    }

    [Fact]
    public void Models_install_under_vectors_assets_models()
    {
        Assert.Equal(Path.Combine("vectors", "assets", "models", "e5-small-v2"), ModelCatalog.InstallFolder(ModelCatalog.DefaultModelsFolder, ModelCatalog.E5SmallV2));
    }
}
