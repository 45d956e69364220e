using Microsoft.Win32.SafeHandles;

namespace NewsBot.Onnx.Native;

/// <summary>
/// An owned ONNX Runtime object, released exactly once through its <c>Release*</c> slot. Being a SafeHandle, it is
/// also released by the finalizer when its owner is never disposed, and never released while a <see cref="Use"/>
/// lease is open: a session disposed on one thread while another is inside <c>Run</c> is freed when <c>Run</c> returns.
/// </summary>
internal abstract class OrtHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private readonly OrtApiSlot _release;

    protected OrtHandle(nint handle, OrtApiSlot release) : base(ownsHandle: true)
    {
        _release = release;
        SetHandle(handle);
    }

    protected override bool ReleaseHandle()
    {
        OrtApi.Release(_release, handle);
        return true;
    }

    /// <summary>Keeps the native object alive until the lease is disposed; throws if the handle is already closed.</summary>
    public Lease Use() => new(this);

    public readonly ref struct Lease
    {
        private readonly OrtHandle _owner;

        public Lease(OrtHandle owner)
        {
            var added = false;
            owner.DangerousAddRef(ref added);
            _owner = owner;
        }

        public nint Pointer => _owner.DangerousGetHandle();

        public void Dispose() => _owner.DangerousRelease();
    }
}

internal sealed class OrtEnvHandle(nint handle) : OrtHandle(handle, OrtApiSlot.ReleaseEnv);

internal sealed class OrtSessionOptionsHandle(nint handle) : OrtHandle(handle, OrtApiSlot.ReleaseSessionOptions);

internal sealed class OrtSessionHandle(nint handle) : OrtHandle(handle, OrtApiSlot.ReleaseSession);

internal sealed class OrtValueHandle(nint handle) : OrtHandle(handle, OrtApiSlot.ReleaseValue);

internal sealed class OrtMemoryInfoHandle(nint handle) : OrtHandle(handle, OrtApiSlot.ReleaseMemoryInfo);

internal sealed class OrtTypeInfoHandle(nint handle) : OrtHandle(handle, OrtApiSlot.ReleaseTypeInfo);

internal sealed class OrtTensorTypeAndShapeInfoHandle(nint handle) : OrtHandle(handle, OrtApiSlot.ReleaseTensorTypeAndShapeInfo);
