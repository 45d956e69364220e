namespace NewsBot.Onnx;

/// <summary>An error reported by ONNX Runtime itself (an <c>OrtStatus</c>), carrying its message and error code.</summary>
public class OnnxRuntimeException : Exception
{
    public OnnxRuntimeException(string message, int errorCode) : base(message) => ErrorCode = errorCode;

    /// <summary>
    /// ORT's <c>OrtErrorCode</c>: 1 FAIL, 2 INVALID_ARGUMENT, 3 NO_SUCHFILE, 4 NO_MODEL, 5 ENGINE_ERROR,
    /// 6 RUNTIME_EXCEPTION, 7 INVALID_PROTOBUF, 8 MODEL_LOADED, 9 NOT_IMPLEMENTED, 10 INVALID_GRAPH, 11 EP_FAIL.
    /// </summary>
    public int ErrorCode { get; }
}
