namespace NewsBot.Onnx;

/// <summary>
/// No usable ONNX Runtime native library: none where it was looked for, the file could not be loaded, or it is older
/// than 1.30. The message says what was tried and how to install the library.
/// </summary>
public sealed class OnnxRuntimeNotFoundException : Exception
{
    public OnnxRuntimeNotFoundException(string message) : base(message) { }

    public OnnxRuntimeNotFoundException(string message, Exception innerException) : base(message, innerException) { }
}
