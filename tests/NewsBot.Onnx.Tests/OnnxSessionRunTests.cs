using NewsBot.Onnx.Tests.Models;

namespace NewsBot.Onnx.Tests;

public sealed class OnnxSessionRunTests : IDisposable
{
    private readonly OnnxSession _add = OnnxSession.FromBytes(TestModels.Add());
    private readonly OnnxSession _matMul = OnnxSession.FromBytes(TestModels.MatMulRelu());
    private readonly OnnxSession _three = OnnxSession.FromBytes(TestModels.ThreeOutputs());

    public void Dispose()
    {
        _add.Dispose();
        _matMul.Dispose();
        _three.Dispose();
    }

    [Fact]
    public void Add_adds()
    {
        using var result = _add.Run([OnnxInput.Create("A", new[] { 1.5f, 2f }, 2), OnnxInput.Create("B", new[] { 10f, 20f }, 2)]);

        var c = Assert.Single(result);
        Assert.Equal("C", c.Name);
        Assert.Equal(TensorElementType.Float, c.ElementType);
        Assert.Equal([2L], c.Shape);
        Assert.Equal([11.5f, 22f], c.GetData<float>().ToArray());
    }

    [Fact]
    public void MatMul_and_Relu_follow_the_batch_size()
    {
        float[] x = [1, 2, 3, -1, 0, 2, 0.5f, 0.25f, -4, 3, 3, 3];

        using var result = _matMul.Run([OnnxInput.Create("X", x, 4, 3)]);

        Assert.Equal([4L, 2L], result["Y"].Shape);
        Assert.Equal(TestModels.MatMulReluExpected(x), result["Y"].GetData<float>().ToArray());
    }

    [Fact]
    public void An_empty_batch_gives_an_empty_output()
    {
        using var result = _matMul.Run([OnnxInput.Create("X", ReadOnlyMemory<float>.Empty, 0, 3)]);

        Assert.Equal([0L, 2L], result[0].Shape);
        Assert.True(result[0].GetData<float>().IsEmpty);
    }

    [Fact]
    public void An_int64_input_is_cast_to_float()
    {
        using var session = OnnxSession.FromBytes(TestModels.CastToFloat());

        using var result = session.Run([OnnxInput.Create("I", new long[] { -3, 0, 1L << 20 }, 3)]);

        Assert.Equal([-3f, 0f, 1048576f], result["F"].GetData<float>().ToArray());
    }

    [Fact]
    public void Outputs_come_in_the_order_asked_for_and_only_those()
    {
        using var result = _three.Run(Pair([1, 5], [2, 3]), ["Greater", "Sum"]);

        Assert.Equal(["Greater", "Sum"], result.Select(o => o.Name));
        Assert.Equal([false, true], result[0].GetData<bool>().ToArray());
        Assert.Equal([3f, 8f], result["Sum"].GetData<float>().ToArray());
    }

    [Fact]
    public void All_outputs_come_when_none_are_named()
    {
        using var result = _three.Run(Pair([1, 5], [2, 3]));

        Assert.Equal(["Sum", "Product", "Greater"], result.Select(o => o.Name));
        Assert.Equal([2f, 15f], result["Product"].GetData<float>().ToArray());
    }

    [Fact]
    public void Inputs_are_read_in_place_from_memory_slices()
    {
        float[] backing = [99, 99, 1, 2, 3, -1, 0, 2, 99];
        var slice = new ReadOnlyMemory<float>(backing, 2, 6);

        using var fromSlice = _matMul.Run([OnnxInput.Create("X", slice, 2, 3)]);
        using var fromArray = _matMul.Run([OnnxInput.Create("X", slice.ToArray(), 2, 3)]);

        Assert.Equal(fromArray[0].GetData<float>().ToArray(), fromSlice[0].GetData<float>().ToArray());
        Assert.Equal(TestModels.MatMulReluExpected(backing.AsSpan(2, 6)), fromSlice[0].GetData<float>().ToArray());
    }

    [Fact]
    public void Inputs_are_not_copied_when_created_but_read_at_run_time()
    {
        var a = new[] { 1f, 2f };
        var inputs = new[] { OnnxInput.Create("A", a, 2), OnnxInput.Create("B", new[] { 0f, 0f }, 2) };
        a[0] = 40;

        using var result = _add.Run(inputs);

        Assert.Equal([40f, 2f], result[0].GetData<float>().ToArray());
    }

    [Fact]
    public void Inputs_are_pinned_only_while_the_run_lasts()
    {
        var a = new CountingMemory<float>([1, 2]);

        using var result = _add.Run([OnnxInput.Create("A", a.Memory, 2), OnnxInput.Create("B", new[] { 3f, 4f }, 2)]);

        Assert.Equal(0, a.Pins);
        Assert.Equal([4f, 6f], result[0].GetData<float>().ToArray());
    }

    [Fact]
    public void An_input_passed_through_stays_pinned_until_the_result_is_disposed()
    {
        using var session = OnnxSession.FromBytes(TestModels.PassThrough());
        var a = new CountingMemory<float>([1, 2, 3]);

        var result = session.Run([OnnxInput.Create("A", a.Memory, 3)]);

        // ORT returns output A over the input buffer itself, so the buffer must not move while A can be read.
        Assert.Equal(1, a.Pins);
        Assert.Equal([1f, 2f, 3f], result["A"].GetData<float>().ToArray());
        Assert.Equal([2f, 4f, 6f], result["Doubled"].GetData<float>().ToArray());
        result.Dispose();
        Assert.Equal(0, a.Pins);
    }

    [Fact]
    public void An_unknown_input_name_is_rejected_with_the_models_inputs()
    {
        var error = Assert.Throws<ArgumentException>(() => _add.Run([OnnxInput.Create("Z", new[] { 1f, 2f }, 2)]));

        Assert.Contains("'Z'", error.Message);
        Assert.Contains("A: Float[2], B: Float[2]", error.Message);
    }

    [Fact]
    public void A_wrong_element_type_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            _add.Run([OnnxInput.Create("A", new[] { 1L, 2L }, 2), OnnxInput.Create("B", new[] { 1f, 2f }, 2)]));

        Assert.Contains("'A' must hold Float elements, but Int64", error.Message);
    }

    [Fact]
    public void A_repeated_input_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            _add.Run([OnnxInput.Create("A", new[] { 1f, 2f }, 2), OnnxInput.Create("A", new[] { 1f, 2f }, 2)]));

        Assert.Contains("more than once", error.Message);
    }

    [Fact]
    public void A_wrong_shape_gives_ORTs_message_and_code()
    {
        var error = Assert.Throws<OnnxRuntimeException>(() =>
            _add.Run([OnnxInput.Create("A", new[] { 1f, 2f, 3f }, 3), OnnxInput.Create("B", new[] { 1f, 2f, 3f }, 3)]));

        Assert.Contains("invalid dimensions", error.Message);
        Assert.Equal(2, error.ErrorCode); // INVALID_ARGUMENT
    }

    [Fact]
    public void An_unknown_output_name_gives_ORTs_message()
    {
        var error = Assert.Throws<OnnxRuntimeException>(() => _three.Run(Pair([1], [2]), ["Nope"]));

        Assert.Contains("Nope", error.Message);
    }

    [Fact]
    public void A_missing_input_gives_ORTs_message()
    {
        var error = Assert.Throws<OnnxRuntimeException>(() => _add.Run([OnnxInput.Create("A", new[] { 1f, 2f }, 2)]));

        Assert.Contains("B", error.Message);
    }

    [Fact]
    public void Output_data_is_type_checked()
    {
        using var result = _add.Run([OnnxInput.Create("A", new[] { 1f, 2f }, 2), OnnxInput.Create("B", new[] { 1f, 2f }, 2)]);

        var error = Assert.Throws<InvalidOperationException>(() => result[0].GetData<long>().ToArray());
        Assert.Contains("holds Float", error.Message);
        Assert.Throws<KeyNotFoundException>(() => result["D"]);
    }

    [Fact]
    public void Output_data_cannot_be_read_after_the_result_is_disposed()
    {
        var result = _add.Run([OnnxInput.Create("A", new[] { 1f, 2f }, 2), OnnxInput.Create("B", new[] { 1f, 2f }, 2)]);
        var output = result[0];

        result.Dispose();
        result.Dispose();

        Assert.Throws<ObjectDisposedException>(() => output.GetData<float>().ToArray());
    }

    [Fact]
    public void Input_shapes_and_element_types_are_checked_when_created()
    {
        Assert.Contains("holds 6 elements, but 5", Assert.Throws<ArgumentException>(() => OnnxInput.Create("X", new float[5], 2, 3)).Message);
        Assert.Throws<ArgumentException>(() => OnnxInput.Create("X", new float[0], -1));
        Assert.Throws<NotSupportedException>(() => OnnxInput.Create("X", new decimal[1], 1));
        Assert.Throws<ArgumentException>(() => _add.Run([default]));
    }

    [Fact]
    public void A_disposed_session_throws_and_disposing_twice_is_safe()
    {
        var session = OnnxSession.FromBytes(TestModels.Add());
        session.Dispose();
        session.Dispose();

        Assert.Throws<ObjectDisposedException>(() =>
            session.Run([OnnxInput.Create("A", new[] { 1f, 2f }, 2), OnnxInput.Create("B", new[] { 1f, 2f }, 2)]));
    }

    private static OnnxInput[] Pair(float[] a, float[] b) =>
        [OnnxInput.Create("A", a, a.Length), OnnxInput.Create("B", b, b.Length)];
}
