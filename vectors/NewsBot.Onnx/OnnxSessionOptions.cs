using NewsBot.Onnx.Native;

namespace NewsBot.Onnx;

/// <summary>How a session runs. The defaults suit a small model called from many threads at once.</summary>
/// <remarks>Execution is always sequential (ORT's <c>ORT_SEQUENTIAL</c>): parallel mode only pays off for wide graphs.</remarks>
public sealed class OnnxSessionOptions
{
    /// <summary>
    /// Threads one <c>Run</c> may use (ORT's intra-op pool; n threads add n-1 to the process per session). 1, the
    /// default, runs on the caller's thread only, which is best when callers already run in parallel. 0 lets ORT choose
    /// one per physical core.
    /// </summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>Graph optimisations applied when the session is created.</summary>
    public GraphOptimizationLevel Optimization { get; init; } = GraphOptimizationLevel.All;

    /// <summary>
    /// Whether idle intra-op threads spin waiting for work (<c>session.intra_op.allow_spinning</c>). Off by default:
    /// spinning trades CPU burnt between calls for a little latency, a poor deal for a chatbot that mostly waits.
    /// </summary>
    public bool AllowSpinning { get; init; }

    internal OrtSessionOptionsHandle ToNative()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(IntraOpThreads);
        if (!Enum.IsDefined(Optimization))
            throw new ArgumentOutOfRangeException(nameof(Optimization), Optimization, "Not a graph optimization level.");

        var options = OrtApi.CreateSessionOptions();
        try
        {
            OrtApi.SetExecutionMode(options, 0);
            OrtApi.SetGraphOptimizationLevel(options, (int)Optimization);
            OrtApi.SetIntraOpNumThreads(options, IntraOpThreads);
            OrtApi.AddSessionConfigEntry(options, "session.intra_op.allow_spinning", AllowSpinning ? "1" : "0");
            return options;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }
}
