namespace NewsBot.Onnx;

/// <summary>Where to find ONNX Runtime; bound from the <c>Embeddings</c> configuration section.</summary>
public sealed class OnnxRuntimeOptions
{
    /// <summary>
    /// Path of the native library (<c>Embeddings:OnnxRuntimePath</c>). When null, <c>NEWSBOT_ONNXRUNTIME</c> is used,
    /// then the copy <c>./newsbot setup</c> installs under <c>vectors/assets</c>. A path that is set but missing is an error.
    /// </summary>
    public string? LibraryPath { get; set; }
}
