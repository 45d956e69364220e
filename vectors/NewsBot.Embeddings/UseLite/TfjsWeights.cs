using System.Buffers.Binary;
using System.Text.Json;

namespace NewsBot.Embeddings.UseLite;

/// <summary>One tensor of a TF.js graph model's weights.</summary>
public sealed record TfjsTensor(string Name, int[] Shape, string DType, float[] Values);

/// <summary>
/// Reads the weights of a TF.js graph model (<c>model.json</c> + its binary shards). The shards of a weight group
/// are one little-endian byte stream cut into files; tensors follow each other in manifest order.
/// </summary>
public sealed class TfjsWeights
{
    private readonly Dictionary<string, TfjsTensor> _tensors;

    private TfjsWeights(Dictionary<string, TfjsTensor> tensors) => _tensors = tensors;

    public IReadOnlyCollection<TfjsTensor> Tensors => _tensors.Values;

    public TfjsTensor this[string name] =>
        _tensors.TryGetValue(name, out var tensor) ? tensor
        : throw new InvalidDataException($"The TF.js model has no weight named '{name}'; is this the USE-Lite model?");

    public static TfjsWeights Load(string modelJsonPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(modelJsonPath))!;
        using var json = JsonDocument.Parse(File.ReadAllBytes(modelJsonPath));
        var tensors = new Dictionary<string, TfjsTensor>(StringComparer.Ordinal);
        foreach (var group in json.RootElement.GetProperty("weightsManifest").EnumerateArray())
        {
            var bytes = ReadShards(folder, group.GetProperty("paths").EnumerateArray().Select(p => p.GetString()!));
            var offset = 0;
            foreach (var weight in group.GetProperty("weights").EnumerateArray())
            {
                if (weight.TryGetProperty("quantization", out _))
                    throw new InvalidDataException("Quantized TF.js weights are not supported.");
                var name = weight.GetProperty("name").GetString()!;
                var shape = weight.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
                var dtype = weight.GetProperty("dtype").GetString()!;
                var count = shape.Aggregate(1, (a, b) => a * b);
                if (offset + count * 4 > bytes.Length)
                    throw new InvalidDataException($"The weight shards end before '{name}'; the model files are incomplete.");
                var values = Decode(bytes.AsSpan(offset, count * 4), dtype, name);
                tensors[name] = new TfjsTensor(name, shape, dtype, values);
                offset += count * 4;
            }
            if (offset != bytes.Length)
                throw new InvalidDataException($"The weight shards hold {bytes.Length} bytes but the manifest describes {offset}.");
        }
        return new TfjsWeights(tensors);
    }

    private static byte[] ReadShards(string folder, IEnumerable<string> paths)
    {
        using var all = new MemoryStream();
        foreach (var path in paths)
        {
            var file = Path.Combine(folder, path);
            if (!File.Exists(file)) throw new FileNotFoundException($"Weight shard {path} is missing next to model.json.", file);
            using var stream = File.OpenRead(file);
            stream.CopyTo(all);
        }
        return all.ToArray();
    }

    // Every float32 and int32 weight becomes float: the int32 ones are small constants (shapes, axes) we only read.
    private static float[] Decode(ReadOnlySpan<byte> bytes, string dtype, string name)
    {
        var values = new float[bytes.Length / 4];
        for (var i = 0; i < values.Length; i++)
        {
            var word = bytes.Slice(i * 4, 4);
            values[i] = dtype switch
            {
                "float32" => BinaryPrimitives.ReadSingleLittleEndian(word),
                "int32" => BinaryPrimitives.ReadInt32LittleEndian(word),
                _ => throw new InvalidDataException($"Weight '{name}' has dtype {dtype}; only float32 and int32 are supported."),
            };
        }
        return values;
    }
}
