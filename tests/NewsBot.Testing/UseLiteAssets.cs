using NewsBot.Embeddings.UseLite;
using NewsBot.Onnx;

namespace NewsBot.Testing;

/// <summary>The real USE-Lite model from the checkout's assets (./newsbot setup installs and builds it; built here if missing).</summary>
public static class UseLiteAssets
{
    private static readonly object BuildLock = new();

    public static UseLiteModelFiles Files
    {
        get
        {
            var assets = Path.Combine(SharedData.FindRepoRoot(), "vectors", "assets");
            var files = UseLiteModelFiles.In(Path.Combine(assets, "models"), assets);
            lock (BuildLock)
                if (!files.IsBuilt) files.Build();
            return files;
        }
    }

    public static UseLiteEmbeddingGenerator Open() =>
        UseLiteEmbeddingGenerator.Open(Files, new OnnxSessionOptions { IntraOpThreads = 2 });
}
