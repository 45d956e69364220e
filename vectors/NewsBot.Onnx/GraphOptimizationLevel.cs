namespace NewsBot.Onnx;

/// <summary>How much ONNX Runtime rewrites the graph when a session is created (ORT's <c>GraphOptimizationLevel</c>).</summary>
public enum GraphOptimizationLevel
{
    Disabled = 0,
    Basic = 1,
    Extended = 2,
    All = 99,
}
