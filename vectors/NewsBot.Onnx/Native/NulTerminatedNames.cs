using System.Text;

namespace NewsBot.Onnx.Native;

/// <summary>Packs names as NUL-terminated UTF-8, the <c>const char* const*</c> form ORT takes in <c>Run</c>.</summary>
internal static class NulTerminatedNames
{
    /// <summary>One buffer holding every name; <paramref name="offsets"/>[i] is where name i starts.</summary>
    public static byte[] Encode(IReadOnlyList<string> names, out int[] offsets)
    {
        offsets = new int[names.Count];
        var length = 0;
        for (var i = 0; i < names.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(names[i], "name");
            offsets[i] = length;
            length += Encoding.UTF8.GetByteCount(names[i]) + 1;
        }

        var buffer = new byte[length];
        for (var i = 0; i < names.Count; i++)
            Encoding.UTF8.GetBytes(names[i], buffer.AsSpan(offsets[i]));
        return buffer;
    }
}
