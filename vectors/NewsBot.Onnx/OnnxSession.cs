using System.Buffers;
using NewsBot.Onnx.Native;

namespace NewsBot.Onnx;

/// <summary>
/// A loaded ONNX model, ready to run.
/// </summary>
/// <remarks>
/// <para>Thread safety: <see cref="Run"/> may be called from any number of threads at once (ONNX Runtime's
/// <c>Run</c> is thread-safe), so one session per model is enough. Disposing while a <c>Run</c> is in flight is
/// safe too: the native session is released when the last call returns.</para>
/// <para>Ownership: the session owns its native <c>OrtSession</c>; each <see cref="OnnxRunResult"/> owns its output
/// tensors and must be disposed by the caller. The environment and the native library are shared by all sessions
/// and live as long as the process.</para>
/// </remarks>
public sealed class OnnxSession : IDisposable
{
    private readonly OrtSessionHandle _handle;
    private readonly Dictionary<string, OnnxNodeInfo> _inputsByName;
    private readonly string[] _outputNames;

    private OnnxSession(OrtSessionHandle handle)
    {
        _handle = handle;
        using var session = handle.Use();
        Inputs = NodeInfoReader.Read(session.Pointer, inputs: true);
        Outputs = NodeInfoReader.Read(session.Pointer, inputs: false);
        _inputsByName = Inputs.ToDictionary(i => i.Name, StringComparer.Ordinal);
        _outputNames = Outputs.Select(o => o.Name).ToArray();
    }

    /// <summary>The model's inputs, in declaration order.</summary>
    public IReadOnlyList<OnnxNodeInfo> Inputs { get; }

    /// <summary>The model's outputs, in declaration order.</summary>
    public IReadOnlyList<OnnxNodeInfo> Outputs { get; }

    /// <summary>Loads a model file (.onnx).</summary>
    /// <remarks>
    /// The file is read into memory and loaded like <see cref="FromBytes"/>: one code path on every platform, where
    /// ORT's <c>CreateSession</c> would want a UTF-8 path on Unix but UTF-16 on Windows. The cost is that models
    /// keeping weights in external data files next to the .onnx are not supported.
    /// </remarks>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime rejected the model.</exception>
    public static OnnxSession FromFile(string path, OnnxSessionOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return FromBytes(File.ReadAllBytes(path), options);
    }

    /// <summary>Loads a model from its serialized bytes; ONNX Runtime does not keep a reference to the array.</summary>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime rejected the model.</exception>
    public static OnnxSession FromBytes(byte[] model, OnnxSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        OnnxRuntime.Initialize();
        using var nativeOptions = (options ?? new OnnxSessionOptions()).ToNative();
        // ORT copies what it needs from the options, so they can go as soon as the session exists.
        var handle = OrtApi.CreateSessionFromArray(OrtEnvironment.Handle, model, nativeOptions);
        try
        {
            return new OnnxSession(handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs the model. Inputs are checked first (known names, no duplicates, element types); anything else, such as
    /// a wrong shape, a missing input or an unknown output name, is reported by ONNX Runtime.
    /// </summary>
    /// <param name="inputs">The inputs, by name; their memory is used in place.</param>
    /// <param name="outputNames">The outputs to compute, in the order wanted; all of them when null.</param>
    /// <returns>The outputs, in the order asked for. Dispose it to free their native memory.</returns>
    /// <exception cref="ArgumentException">An input is unknown, repeated or of the wrong element type.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime failed; the message is ORT's.</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    public unsafe OnnxRunResult Run(IReadOnlyList<OnnxInput> inputs, IReadOnlyList<string>? outputNames = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        Validate(inputs);
        outputNames ??= _outputNames;

        using var session = _handle.Use();
        var memoryInfo = OrtEnvironment.CpuMemory.DangerousGetHandle();
        var pins = new MemoryHandle[inputs.Count];
        var values = new OrtValueHandle?[inputs.Count];
        try
        {
            var valuePointers = new nint[inputs.Count];
            for (var i = 0; i < inputs.Count; i++)
            {
                pins[i] = inputs[i].Pin();
                values[i] = OrtApi.CreateTensorWithData(memoryInfo, pins[i].Pointer, inputs[i].ByteLength, inputs[i].ShapeSpan, inputs[i].ElementType);
                valuePointers[i] = values[i]!.DangerousGetHandle();
            }

            var outputs = new nint[outputNames.Count];
            try
            {
                RunNative(session.Pointer, inputs.Select(i => i.Name).ToList(), valuePointers, outputNames, outputs);
            }
            catch
            {
                // ORT may have allocated some outputs before failing; they are ours to release.
                foreach (var output in outputs) if (output != 0) new OrtValueHandle(output).Dispose();
                throw;
            }
            return OnnxRunResult.Create(outputNames, outputs, pins, inputs.Select(i => i.ByteLength).ToArray());
        }
        finally
        {
            // Release the tensors before unpinning: ORT may touch their memory until ReleaseValue. Pins a result
            // took over (outputs that are inputs passed through) were replaced by default handles, a no-op here.
            foreach (var value in values) value?.Dispose();
            foreach (var pin in pins) pin.Dispose();
        }
    }

    private static unsafe void RunNative(nint session, IReadOnlyList<string> inputNames, nint[] inputValues, IReadOnlyList<string> outputNames, nint[] outputs)
    {
        var inputNameBytes = NulTerminatedNames.Encode(inputNames, out var inputOffsets);
        var outputNameBytes = NulTerminatedNames.Encode(outputNames, out var outputOffsets);
        var inputNamePointers = new nint[inputOffsets.Length];
        var outputNamePointers = new nint[outputOffsets.Length];
        fixed (byte* inNames = inputNameBytes, outNames = outputNameBytes)
        fixed (nint* inNamePointers = inputNamePointers, outNamePointers = outputNamePointers, inValues = inputValues, outValues = outputs)
        {
            for (var i = 0; i < inputOffsets.Length; i++) inNamePointers[i] = (nint)(inNames + inputOffsets[i]);
            for (var i = 0; i < outputOffsets.Length; i++) outNamePointers[i] = (nint)(outNames + outputOffsets[i]);
            OrtApi.Run(session, (byte**)inNamePointers, inValues, inputValues.Length, (byte**)outNamePointers, outValues, outputs.Length);
        }
    }

    private void Validate(IReadOnlyList<OnnxInput> inputs)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            if (input.IsDefault)
                throw new ArgumentException("An input was never created: use OnnxInput.Create.", nameof(inputs));
            if (!_inputsByName.TryGetValue(input.Name, out var declared))
                throw new ArgumentException(
                    $"The model has no input named '{input.Name}'. Its inputs are: {string.Join(", ", Inputs)}.", nameof(inputs));
            if (!seen.Add(input.Name))
                throw new ArgumentException($"Input '{input.Name}' is given more than once.", nameof(inputs));
            if (declared.ElementType != input.ElementType)
                throw new ArgumentException(
                    $"Input '{input.Name}' must hold {declared.ElementType} elements, but {input.ElementType} were given.", nameof(inputs));
        }
    }

    /// <summary>Releases the native session; safe to call more than once, and while other threads are inside <see cref="Run"/>.</summary>
    public void Dispose() => _handle.Dispose();
}
