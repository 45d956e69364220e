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

    private OnnxRunResult(OnnxOutput[] outputs) => _outputs = outputs;

    /// <summary>Takes ownership of ORT-allocated output values; they are released here if reading them fails.</summary>
    internal static OnnxRunResult Create(IReadOnlyList<string> names, nint[] values)
    {
        var handles = values.Select(v => new OrtValueHandle(v)).ToArray();
        try
        {
            return new OnnxRunResult(handles.Select((h, i) => OnnxOutput.Read(names[i], h)).ToArray());
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
    }
}
