using System.Buffers;
using System.Collections;
using NewsBot.Onnx.Native;

namespace NewsBot.Onnx;

/// <summary>
/// The outputs of one <see cref="OnnxSession.Run"/>, in the order asked for. Owns their native memory: dispose it once
/// the data has been read or copied. Not meant to be shared across threads while it is being disposed.
/// </summary>
public sealed class OnnxRunResult : IReadOnlyList<OnnxOutput>, IDisposable
{
    private readonly OnnxOutput[] _outputs;
    private readonly List<MemoryHandle> _keptInputs;

    private OnnxRunResult(OnnxOutput[] outputs, List<MemoryHandle> keptInputs)
    {
        _outputs = outputs;
        _keptInputs = keptInputs;
    }

    /// <summary>
    /// Takes ownership of ORT-allocated output values; they are released here if reading them fails. An output that
    /// is a model input passed straight through is not a copy: ORT hands back a tensor over the caller's buffer. The
    /// result then takes over that input's pin from <paramref name="inputPins"/> (leaving a default handle in its
    /// place), so that the buffer cannot move while the output can still be read.
    /// </summary>
    internal static unsafe OnnxRunResult Create(IReadOnlyList<string> names, nint[] values, MemoryHandle[] inputPins, nuint[] inputByteLengths)
    {
        var handles = values.Select(v => new OrtValueHandle(v)).ToArray();
        try
        {
            var outputs = handles.Select((h, i) => OnnxOutput.Read(names[i], h)).ToArray();
            var kept = new List<MemoryHandle>();
            for (var i = 0; i < inputPins.Length; i++)
            {
                var start = (nuint)inputPins[i].Pointer;
                if (start != 0 && outputs.Any(o => (nuint)o.DataPointer - start < inputByteLengths[i]))
                {
                    kept.Add(inputPins[i]);
                    inputPins[i] = default;
                }
            }
            return new OnnxRunResult(outputs, kept);
        }
        catch
        {
            foreach (var handle in handles) handle.Dispose();
            throw;
        }
    }

    public int Count => _outputs.Length;

    public OnnxOutput this[int index] => _outputs[index];

    /// <summary>The output called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No output of that name was computed.</exception>
    public OnnxOutput this[string name] =>
        _outputs.FirstOrDefault(o => o.Name == name)
        ?? throw new KeyNotFoundException($"No output named '{name}'. The outputs are: {string.Join(", ", _outputs.Select(o => o.Name))}.");

    public IEnumerator<OnnxOutput> GetEnumerator() => ((IEnumerable<OnnxOutput>)_outputs).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Frees the outputs' native memory; spans from <see cref="OnnxOutput.GetData{T}"/> must not be used afterwards.</summary>
    public void Dispose()
    {
        foreach (var output in _outputs) output.Release();
        // After the outputs: a passed-through input's memory must stay put until its tensor is released.
        for (var i = 0; i < _keptInputs.Count; i++) _keptInputs[i].Dispose();
        _keptInputs.Clear();
    }
}
