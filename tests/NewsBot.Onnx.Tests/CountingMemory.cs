using System.Buffers;
using System.Runtime.InteropServices;

namespace NewsBot.Onnx.Tests;

/// <summary>Memory that counts how often it is pinned, to see when a run holds on to an input buffer.</summary>
internal sealed class CountingMemory<T>(T[] array) : MemoryManager<T> where T : unmanaged
{
    private GCHandle _handle;

    public int Pins { get; private set; }

    public override Span<T> GetSpan() => array;

    public override unsafe MemoryHandle Pin(int elementIndex = 0)
    {
        if (Pins++ == 0) _handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        return new MemoryHandle((T*)_handle.AddrOfPinnedObject() + elementIndex, pinnable: this);
    }

    public override void Unpin()
    {
        if (--Pins == 0) _handle.Free();
    }

    protected override void Dispose(bool disposing) { }
}
