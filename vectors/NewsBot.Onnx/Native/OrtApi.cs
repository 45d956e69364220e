using System.Runtime.InteropServices;

namespace NewsBot.Onnx.Native;

/// <summary>
/// Typed calls into ONNX Runtime's <c>OrtApi</c> function table. Slot indices come from
/// docs/notes/onnxruntime-c-api.md (section 3); the table is append-only, so they hold for every ORT ≥ 1.30.
/// </summary>
/// <remarks>
/// Every function that returns an <c>OrtStatus*</c> goes through <see cref="Check"/>: null is success, anything else
/// becomes an <see cref="OnnxRuntimeException"/> and the status is released.
/// </remarks>
internal static unsafe class OrtApi
{
    private static nint* s_table;

    public static bool IsBound => s_table != null;

    /// <summary>Called once, by <see cref="OnnxRuntime"/>, with the table returned by <c>GetApi(30)</c>.</summary>
    public static void Bind(nint table) => s_table = (nint*)table;

    private static nint Slot(OrtApiSlot slot) =>
        s_table != null ? s_table[(int)slot] : throw new InvalidOperationException("ONNX Runtime is not initialized.");

    public static void Check(nint status)
    {
        if (status != 0) throw ToException(status);
    }

    private static OnnxRuntimeException ToException(nint status)
    {
        try
        {
            var code = ((delegate* unmanaged[Cdecl]<nint, int>)Slot(OrtApiSlot.GetErrorCode))(status);
            // The message belongs to the status: copy it before the status is released.
            var message = Marshal.PtrToStringUTF8(((delegate* unmanaged[Cdecl]<nint, nint>)Slot(OrtApiSlot.GetErrorMessage))(status));
            return new OnnxRuntimeException(message ?? "ONNX Runtime reported an error without a message.", code);
        }
        finally
        {
            ((delegate* unmanaged[Cdecl]<nint, void>)Slot(OrtApiSlot.ReleaseStatus))(status);
        }
    }

    // ---- environment and session options ----

    public static OrtEnvHandle CreateEnv(int loggingLevel, string logId)
    {
        nint env;
        var id = Utf8(logId);
        fixed (byte* p = id)
            Check(((delegate* unmanaged[Cdecl]<int, byte*, nint*, nint>)Slot(OrtApiSlot.CreateEnv))(loggingLevel, p, &env));
        return new OrtEnvHandle(env);
    }

    public static OrtSessionOptionsHandle CreateSessionOptions()
    {
        nint options;
        Check(((delegate* unmanaged[Cdecl]<nint*, nint>)Slot(OrtApiSlot.CreateSessionOptions))(&options));
        return new OrtSessionOptionsHandle(options);
    }

    public static void SetExecutionMode(OrtSessionOptionsHandle options, int mode) =>
        Call(options, mode, OrtApiSlot.SetSessionExecutionMode);

    public static void SetGraphOptimizationLevel(OrtSessionOptionsHandle options, int level) =>
        Call(options, level, OrtApiSlot.SetSessionGraphOptimizationLevel);

    public static void SetIntraOpNumThreads(OrtSessionOptionsHandle options, int threads) =>
        Call(options, threads, OrtApiSlot.SetIntraOpNumThreads);

    public static void AddSessionConfigEntry(OrtSessionOptionsHandle options, string key, string value)
    {
        var k = Utf8(key);
        var v = Utf8(value);
        using var use = options.Use();
        fixed (byte* pk = k, pv = v)
            Check(((delegate* unmanaged[Cdecl]<nint, byte*, byte*, nint>)Slot(OrtApiSlot.AddSessionConfigEntry))(use.Pointer, pk, pv));
    }

    private static void Call(OrtHandle handle, int value, OrtApiSlot slot)
    {
        using var use = handle.Use();
        Check(((delegate* unmanaged[Cdecl]<nint, int, nint>)Slot(slot))(use.Pointer, value));
    }

    // ---- sessions ----

    public static OrtSessionHandle CreateSessionFromArray(OrtEnvHandle env, ReadOnlySpan<byte> model, OrtSessionOptionsHandle options)
    {
        nint session;
        using var e = env.Use();
        using var o = options.Use();
        fixed (byte* p = model)
            Check(((delegate* unmanaged[Cdecl]<nint, byte*, nuint, nint, nint*, nint>)Slot(OrtApiSlot.CreateSessionFromArray))(
                e.Pointer, p, (nuint)model.Length, o.Pointer, &session));
        return new OrtSessionHandle(session);
    }

    public static int SessionGetCount(nint session, bool inputs)
    {
        nuint count;
        var slot = inputs ? OrtApiSlot.SessionGetInputCount : OrtApiSlot.SessionGetOutputCount;
        Check(((delegate* unmanaged[Cdecl]<nint, nuint*, nint>)Slot(slot))(session, &count));
        return checked((int)count);
    }

    public static string SessionGetName(nint session, int index, bool input)
    {
        nint allocator;
        // A process singleton owned by ORT: never released.
        Check(((delegate* unmanaged[Cdecl]<nint*, nint>)Slot(OrtApiSlot.GetAllocatorWithDefaultOptions))(&allocator));
        byte* name;
        var slot = input ? OrtApiSlot.SessionGetInputName : OrtApiSlot.SessionGetOutputName;
        Check(((delegate* unmanaged[Cdecl]<nint, nuint, nint, byte**, nint>)Slot(slot))(session, (nuint)index, allocator, &name));
        try
        {
            return Marshal.PtrToStringUTF8((nint)name) ?? "";
        }
        finally
        {
            // The name was allocated with the allocator we passed; it has to go back to the same one.
            Check(((delegate* unmanaged[Cdecl]<nint, byte*, nint>)Slot(OrtApiSlot.AllocatorFree))(allocator, name));
        }
    }

    public static OrtTypeInfoHandle SessionGetTypeInfo(nint session, int index, bool input)
    {
        nint info;
        var slot = input ? OrtApiSlot.SessionGetInputTypeInfo : OrtApiSlot.SessionGetOutputTypeInfo;
        Check(((delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint>)Slot(slot))(session, (nuint)index, &info));
        return new OrtTypeInfoHandle(info);
    }

    /// <summary>
    /// Runs the session. Each entry of <paramref name="outputs"/> must be 0 on entry, so ORT allocates the output;
    /// the caller owns every non-zero entry afterwards, even when this throws.
    /// </summary>
    public static void Run(nint session, byte** inputNames, nint* inputs, int inputCount, byte** outputNames, nint* outputs, int outputCount) =>
        Check(((delegate* unmanaged[Cdecl]<nint, nint, byte**, nint*, nuint, byte**, nuint, nint*, nint>)Slot(OrtApiSlot.Run))(
            session, 0, inputNames, inputs, (nuint)inputCount, outputNames, (nuint)outputCount, outputs));

    // ---- type information ----

    /// <summary>The ONNX type (1 = tensor) of a type info.</summary>
    public static int GetOnnxType(nint typeInfo)
    {
        int type;
        Check(((delegate* unmanaged[Cdecl]<nint, int*, nint>)Slot(OrtApiSlot.GetOnnxTypeFromTypeInfo))(typeInfo, &type));
        return type;
    }

    /// <summary>The tensor part of a type info; borrowed from it, so valid only while the type info lives.</summary>
    public static nint CastTypeInfoToTensorInfo(nint typeInfo)
    {
        nint tensorInfo;
        Check(((delegate* unmanaged[Cdecl]<nint, nint*, nint>)Slot(OrtApiSlot.CastTypeInfoToTensorInfo))(typeInfo, &tensorInfo));
        return tensorInfo;
    }

    public static TensorElementType GetTensorElementType(nint tensorInfo)
    {
        int type;
        Check(((delegate* unmanaged[Cdecl]<nint, int*, nint>)Slot(OrtApiSlot.GetTensorElementType))(tensorInfo, &type));
        return (TensorElementType)type;
    }

    /// <summary>The dimensions of a tensor type; symbolic dimensions come back as -1.</summary>
    public static long[] GetDimensions(nint tensorInfo)
    {
        nuint count;
        Check(((delegate* unmanaged[Cdecl]<nint, nuint*, nint>)Slot(OrtApiSlot.GetDimensionsCount))(tensorInfo, &count));
        var dims = new long[checked((int)count)];
        fixed (long* p = dims)
            Check(((delegate* unmanaged[Cdecl]<nint, long*, nuint, nint>)Slot(OrtApiSlot.GetDimensions))(tensorInfo, p, count));
        return dims;
    }

    // ---- values ----

    public static OrtMemoryInfoHandle CreateCpuMemoryInfo()
    {
        nint info;
        // OrtDeviceAllocator (0), OrtMemTypeDefault (0): plain CPU memory that the caller owns.
        Check(((delegate* unmanaged[Cdecl]<int, int, nint*, nint>)Slot(OrtApiSlot.CreateCpuMemoryInfo))(0, 0, &info));
        return new OrtMemoryInfoHandle(info);
    }

    /// <summary>A tensor over caller-owned memory, which must stay pinned until the value is released.</summary>
    public static OrtValueHandle CreateTensorWithData(nint memoryInfo, void* data, nuint byteLength, ReadOnlySpan<long> shape, TensorElementType type)
    {
        nint value;
        fixed (long* s = shape)
            Check(((delegate* unmanaged[Cdecl]<nint, void*, nuint, long*, nuint, int, nint*, nint>)Slot(OrtApiSlot.CreateTensorWithDataAsOrtValue))(
                memoryInfo, data, byteLength, s, (nuint)shape.Length, (int)type, &value));
        return new OrtValueHandle(value);
    }

    public static bool IsTensor(nint value)
    {
        int isTensor;
        Check(((delegate* unmanaged[Cdecl]<nint, int*, nint>)Slot(OrtApiSlot.IsTensor))(value, &isTensor));
        return isTensor != 0;
    }

    /// <summary>Unlike <see cref="CastTypeInfoToTensorInfo"/>, the result is owned by the caller.</summary>
    public static OrtTensorTypeAndShapeInfoHandle GetTensorTypeAndShape(nint value)
    {
        nint info;
        Check(((delegate* unmanaged[Cdecl]<nint, nint*, nint>)Slot(OrtApiSlot.GetTensorTypeAndShape))(value, &info));
        return new OrtTensorTypeAndShapeInfoHandle(info);
    }

    public static void* GetTensorMutableData(nint value)
    {
        void* data;
        Check(((delegate* unmanaged[Cdecl]<nint, void**, nint>)Slot(OrtApiSlot.GetTensorMutableData))(value, &data));
        return data;
    }

    // ---- releases (called from the SafeHandles only) ----

    public static void Release(OrtApiSlot slot, nint handle) => ((delegate* unmanaged[Cdecl]<nint, void>)Slot(slot))(handle);

    private static byte[] Utf8(string s)
    {
        var bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(s) + 1];
        System.Text.Encoding.UTF8.GetBytes(s, bytes);
        return bytes;
    }
}
